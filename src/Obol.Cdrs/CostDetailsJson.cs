namespace Obol.Cdrs;

/// <summary>
/// An EventCost's JSON that this process wrote itself (SessionS's settled cost), given to CDRs as an event's
/// CostDetails: it is taken as it is, where JSON from a client is parsed first to check it is an object.
/// </summary>
public sealed record CostDetailsJson(string Json);
