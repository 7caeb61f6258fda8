using Obol.Events;

namespace Obol.Stats;

public sealed partial class StatService
{
    /// <summary>matchingStatQueuesForEvent: selected profiles active at the event's Time, by weight, cut after the
    /// first blocker.</summary>
    private (List<StatQueueProfile> Matched, string? Error) Match(CgrEvent ev)
    {
        var selection = new ProfileSelection(EventOptions.StatIds, _options.ProfileIds, EventOptions.StatsProfileIgnoreFilters, _options.ProfileIgnoreFilters);
        var now = ev.Time ?? NodaTime.SystemClock.Instance.GetCurrentInstant();
        var (matched, error) = selection.Match(_profiles, _filters, ev, now,
            profile => profile.Activation is not { } window || ev.Time is not { } at || window.IsActiveAt(at));
        if (error is not null)
        {
            return (matched, error);
        }
        // List.Sort is not stable; OrderByDescending is, keeping ID order among equal weights.
        matched = [.. matched.OrderByDescending(p => p.Weight)];
        var blocker = matched.FindIndex(p => p.Blocker);
        if (blocker >= 0 && blocker < matched.Count - 1)
        {
            matched.RemoveRange(blocker + 1, matched.Count - blocker - 1);
        }
        return (matched, null);
    }
}
