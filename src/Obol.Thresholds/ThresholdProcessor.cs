using NodaTime;
using Obol.Primitives;

namespace Obol.Thresholds;

/// <summary>
/// ThresholdS event processing (CGRateS ThresholdService.processEvent). Filter matching and storage stay with the
/// caller: it passes the profiles whose filters passed, each with its current state, and stores
/// <see cref="ThresholdProcessResult.Changed"/> afterwards.
/// </summary>
public sealed class ThresholdProcessor(IThresholdActions actions)
{
    private readonly IThresholdActions _actions = actions ?? throw new ArgumentNullException(nameof(actions));

    /// <summary>
    /// The thresholds an event reaches (ThresholdSv1.GetThresholdsForEvent): active at the event time, by weight,
    /// cut after the first blocker. Ties keep ID order, the order CGRateS loads candidates in.
    /// </summary>
    public static IReadOnlyList<ThresholdMatch> SelectForEvent(ThresholdEvent thresholdEvent, IEnumerable<ThresholdMatch> candidates)
    {
        ArgumentNullException.ThrowIfNull(thresholdEvent);
        ArgumentNullException.ThrowIfNull(candidates);
        var ordered = candidates
            .Where(match => IsActive(match.Profile, thresholdEvent.Time))
            .OrderBy(match => match.Profile.Id, StringComparer.Ordinal)
            .OrderByDescending(match => match.Profile.Weight)
            .ToList();
        var blocker = ordered.FindIndex(match => match.Profile.Blocker);
        if (blocker >= 0)
        {
            ordered.RemoveRange(blocker + 1, ordered.Count - blocker - 1);
        }
        return ordered;
    }

    /// <summary>Same as the other overload, with filter matching done here through <paramref name="passesFilters"/>.</summary>
    public ValueTask<ThresholdProcessResult> ProcessEventAsync(ThresholdEvent thresholdEvent, IEnumerable<ThresholdMatch> candidates,
        Func<ThresholdProfile, bool> passesFilters, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(passesFilters);
        return ProcessEventAsync(thresholdEvent, candidates.Where(match => passesFilters(match.Profile)), now, cancellationToken);
    }

    public async ValueTask<ThresholdProcessResult> ProcessEventAsync(ThresholdEvent thresholdEvent, IEnumerable<ThresholdMatch> candidates,
        Instant now, CancellationToken cancellationToken = default)
    {
        var selected = SelectForEvent(thresholdEvent, candidates);
        if (selected.Count == 0)
        {
            return new ThresholdProcessResult([], ErrorCodes.NotFound, [], []);
        }
        var hitIds = new List<string>(selected.Count);
        var changed = new List<Threshold>(selected.Count);
        var warnings = new List<string>();
        var withErrors = false;
        foreach (var (profile, state) in selected)
        {
            // A spent threshold is skipped before counting, so its Hits stay at MaxHits and it is no longer reported;
            // a blocker among them still blocks, as the cut happened at selection.
            if (profile.IsExhausted(state.Hits))
            {
                continue;
            }
            hitIds.Add(state.Id);
            state.Hits = checked(state.Hits + 1);
            changed.Add(state);
            // Snoozed or below MinHits: the hit counts and is reported, but nothing fires and the snooze is not moved.
            if (state.IsSnoozedAt(now) || state.Hits < profile.MinHits)
            {
                continue;
            }
            withErrors |= await FireAsync(thresholdEvent, profile, state, warnings, cancellationToken).ConfigureAwait(false);
            state.Snooze = now.Plus(Duration.FromNanoseconds(profile.MinSleep.Nanoseconds));
        }
        return new ThresholdProcessResult(hitIds, withErrors ? ErrorCodes.PartiallyExecuted : null, changed, warnings);
    }

    /// <summary>Runs every action set, continuing past failures as CGRateS does; true when a synchronous one failed.</summary>
    private async ValueTask<bool> FireAsync(ThresholdEvent thresholdEvent, ThresholdProfile profile, Threshold state, List<string> warnings,
        CancellationToken cancellationToken)
    {
        var account = string.IsNullOrEmpty(thresholdEvent.Account) ? null : $"{thresholdEvent.Tenant}:{thresholdEvent.Account}";
        var failed = false;
        foreach (var actionSetId in profile.ActionIds)
        {
            var error = await _actions.ExecuteAsync(new ThresholdActionRequest(state.Tenant, state.Id, actionSetId, account, profile.Async, thresholdEvent),
                cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                continue;
            }
            warnings.Add($"<ThresholdS> failed executing actions: {actionSetId}, error: {error}");
            failed |= !profile.Async;
        }
        return failed;
    }

    private static bool IsActive(ThresholdProfile profile, Instant? eventTime) =>
        profile.ActivationInterval is not { } window || eventTime is not { } time || window.IsActiveAt(time);
}
