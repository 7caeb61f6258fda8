using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// The API's changes to action lists and plans kept across restarts: saved as per-id differences from the loaded
/// tariff plan, put back on top of it when the stored plan is restored.
/// </summary>
public sealed partial class RalsService
{
    /// <summary>
    /// Puts back the API's stored changes when there is no stored tariff plan to restore them onto (they were made on
    /// an engine that never loaded one), and starts the scheduler on the result.
    /// </summary>
    public Task RestoreStateAsync(CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            var stored = await StoredChangesAsync(ct).ConfigureAwait(false);
            var (accounting, plans) = WithStoredChanges(_accounting, _plans, stored);
            _accounting = accounting;
            var ratingSource = WithChanges(_ratingSource, stored);
            if (!ReferenceEquals(ratingSource, _ratingSource))
            {
                _ratingData.Replace(RatingDataBuilder.Build(ratingSource, new TariffPlanReadOptions(_options.TimeZone, _clock.GetCurrentInstant())).Data);
                _ratingSource = ratingSource;
            }
            await SchedulePlansAsync(plans, ct).ConfigureAwait(false);
            return null;
        }, ct);

    /// <summary>The tariff plan's actions and plans with the stored changes applied; the same objects when none are
    /// stored. The scheduler must see the result in one reload: it drops the stored runs of timings it is not given.</summary>
    private static (AccountingData Accounting, IReadOnlyList<ActionPlan> Plans) WithStoredChanges(AccountingData accounting,
        IReadOnlyList<ActionPlan> plans, RalsStateChanges changes)
    {
        if (changes.IsEmpty)
        {
            return (accounting, plans);
        }
        var actions = Overlay(accounting.Actions, changes.Actions);
        // Plans keep the tariff plan's order; plans added over the API follow in stored order.
        var merged = new List<ActionPlan>(plans.Count + changes.ActionPlans.Count);
        foreach (var plan in plans)
        {
            if (!changes.ActionPlans.TryGetValue(plan.Id, out var changed))
            {
                merged.Add(plan);
            }
            else if (changed is not null)
            {
                merged.Add(changed);
            }
        }
        var known = plans.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(changes.ActionPlans.Values.OfType<ActionPlan>().Where(p => !known.Contains(p.Id)));
        return (new AccountingData(actions, Overlay(accounting.ActionTriggers, changes.Triggers)), merged);
    }

    /// <summary>Every change the API made since the last load, read once for all that a restore puts back.</summary>
    private async Task<RalsStateChanges> StoredChangesAsync(CancellationToken ct) =>
        _state is null ? RalsStateChanges.Empty : await _state.LoadAsync(ct).ConfigureAwait(false);

    /// <summary>The loaded entries with the stored changes over them: a value replaces (or adds) its id, null removes it.</summary>
    private static Dictionary<string, IReadOnlyList<T>> Overlay<T>(IReadOnlyDictionary<string, IReadOnlyList<T>> loaded,
        IReadOnlyDictionary<string, IReadOnlyList<T>?> changes)
    {
        var merged = new Dictionary<string, IReadOnlyList<T>>(loaded, StringComparer.Ordinal);
        foreach (var (id, value) in changes)
        {
            if (value is null)
            {
                merged.Remove(id);
            }
            else
            {
                merged[id] = value;
            }
        }
        return merged;
    }

    private Task SaveActionsAsync(IReadOnlyDictionary<string, IReadOnlyList<AccountAction>?> actions, CancellationToken ct) =>
        SaveChangesAsync(new RalsStateChanges(actions, new Dictionary<string, ActionPlan?>()), ct);

    /// <summary>Keeps an API change (when there is a store) and stamps the partitions it touched with a new load ID.</summary>
    private async Task SaveChangesAsync(RalsStateChanges changes, CancellationToken ct)
    {
        if (_state is not null)
        {
            await _state.SaveAsync(changes, ct).ConfigureAwait(false);
        }
        (bool Changed, string[] Partitions)[] parts =
        [
            (changes.Actions.Count > 0, ["*actions"]),
            (changes.ActionPlans.Count > 0, ["*action_plans", "*account_action_plans"]),
            (changes.Triggers.Count > 0, ["*action_triggers"]),
            (changes.Destinations.Count > 0, ["*destinations", "*reverse_destinations"]),
            (changes.RatingProfiles.Count > 0, ["*rating_profiles"]),
        ];
        await LoadIds.StampAsync(parts.Where(p => p.Changed).SelectMany(p => p.Partitions), ct).ConfigureAwait(false);
    }

    /// <summary>Saves the plans of <paramref name="plans"/> that differ from the ones in force (changed plans are new
    /// records, unchanged ones the same objects) and the removal of those it lacks.</summary>
    private async Task SavePlanChangesAsync(IReadOnlyList<ActionPlan> plans, CancellationToken ct)
    {
        var current = new Dictionary<string, ActionPlan>(StringComparer.Ordinal);
        foreach (var plan in _plans)
        {
            current[plan.Id] = plan;
        }
        var changes = new Dictionary<string, ActionPlan?>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            if (!current.Remove(plan.Id, out var was) || !ReferenceEquals(was, plan))
            {
                changes[plan.Id] = plan;
            }
        }
        foreach (var id in current.Keys)
        {
            changes[id] = null;
        }
        if (changes.Count > 0)
        {
            await SaveChangesAsync(new RalsStateChanges(new Dictionary<string, IReadOnlyList<AccountAction>?>(), changes), ct).ConfigureAwait(false);
        }
    }
}
