using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>
/// An EventCost's JSON that this process wrote itself (SessionS's settled cost), given to CDRs as an event's
/// CostDetails: it is taken as it is, where JSON from a client is parsed first to check it is an object. With its
/// Usage and Cost, rating a CDR it covers reads them here instead of parsing the JSON.
/// </summary>
public sealed record CostDetailsJson(string Json, Usage? Usage = null, decimal? Cost = null);
