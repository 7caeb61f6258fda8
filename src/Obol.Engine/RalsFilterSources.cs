using Obol.Filters;
using Obol.Rals;

namespace Obol.Engine;

/// <summary>The destinations <c>*destinations</c> filters read: those of the loaded tariff plan, always the current ones.</summary>
internal sealed class RalsFilterSources(RalsService rals) : IDestinationSource
{
    public IReadOnlyList<string>? FindPrefixes(string destinationId) => rals.RatingData.Destinations.GetValueOrDefault(destinationId);
}
