using NodaTime;
using Obol.Filters;
using Obol.Rals;
using Obol.Rating;

namespace Obol.Engine;

/// <summary>The destinations <c>*destinations</c> filters read and the timings <c>*timings</c> filters read: those of
/// the plan in force with the API's changes, always the current ones.</summary>
internal sealed class RalsFilterSources(RalsService rals) : IDestinationSource, ITimingSource
{
    public IReadOnlyList<string>? FindPrefixes(string destinationId) => rals.RatingData.Destinations.GetValueOrDefault(destinationId);

    public IFilterTiming? FindTiming(string timingId) => rals.GetTiming(timingId) is { } timing ? new FilterTiming(timing) : null;

    private sealed class FilterTiming(Timing timing) : IFilterTiming
    {
        public bool IsActiveAt(Instant instant, DateTimeZone zone) => timing.IsActiveAt(instant, zone);
    }
}
