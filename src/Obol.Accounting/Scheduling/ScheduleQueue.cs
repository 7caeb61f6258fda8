using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>One queued run: an action timing, the accounts it runs on and when. <c>Key</c> is the store key of a
/// recurring or delayed timing (its uuid); <c>ConsumeKeys</c> are the keys marked consumed when a one-shot runs.</summary>
internal sealed record QueuedRun(
    string PlanId, ActionTiming Timing, IReadOnlyList<string> AccountIds, string Key, IReadOnlyList<string> ConsumeKeys, Instant Due)
{
    public long Sequence { get; init; }

    public ScheduledAction Describe() => new(Due, AccountIds.Count, PlanId, Timing.Uuid, Timing.ActionsId, Timing.Weight) { AccountIds = AccountIds };
}

/// <summary>Queue order: due time, then weight descending, then arrival (CGRateS parity: ActionTimingPriorityList).</summary>
internal sealed class QueuedRunOrder : IComparer<QueuedRun>
{
    public static readonly QueuedRunOrder Instance = new();

    public int Compare(QueuedRun? x, QueuedRun? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var byDue = x.Due.CompareTo(y.Due);
        if (byDue != 0)
        {
            return byDue;
        }
        var byWeight = y.Timing.Weight.CompareTo(x.Timing.Weight);
        return byWeight != 0 ? byWeight : x.Sequence.CompareTo(y.Sequence);
    }
}

/// <summary>
/// The queue a set of plans yields against what the store remembers (CGRateS parity: scheduler.loadActionPlans and
/// the <c>*asap</c> tasks tpreader pushes at load): stored next runs are resumed, even when past (a run missed
/// while down runs once now); new timings get their next start time after now; consumed one-shots stay consumed;
/// entries of timings no longer loaded are dropped.
/// </summary>
internal static class ScheduleQueue
{
    public sealed record Result(List<QueuedRun> Runs, Dictionary<string, Instant> Saves, List<string> Stale);

    public static Result Build(IEnumerable<ActionPlan> plans, IReadOnlyDictionary<string, Instant> stored, Instant now, DateTimeZone zone)
    {
        var runs = new List<QueuedRun>();
        var saves = new Dictionary<string, Instant>(StringComparer.Ordinal);
        var live = new HashSet<string>(StringComparer.Ordinal);
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            string[] accounts = [.. plan.AccountIds.Order(StringComparer.Ordinal)];
            foreach (var timing in plan.ActionTimings)
            {
                if (!uuids.Add(timing.Uuid))
                {
                    throw new ArgumentException($"action timing uuid \"{timing.Uuid}\" appears twice (plan {plan.Id})", nameof(plans));
                }
                var run = timing.Schedule.Kind == ActionTimingKind.Asap
                    ? Asap(plan.Id, timing, accounts, stored, now, live)
                    : Timed(plan.Id, timing, accounts, stored, now, zone, live, saves);
                if (run is not null)
                {
                    runs.Add(run with { Sequence = runs.Count });
                }
            }
        }
        var stale = stored.Keys.Where(k => !live.Contains(k)).ToList();
        return new Result(runs, saves, stale);
    }

    private static QueuedRun? Asap(string planId, ActionTiming timing, string[] accounts, IReadOnlyDictionary<string, Instant> stored,
        Instant now, HashSet<string> live)
    {
        if (accounts.Length == 0)
        {
            live.Add(timing.Uuid);
            return IsConsumed(stored, timing.Uuid) ? null : new QueuedRun(planId, timing, [], timing.Uuid, [timing.Uuid], now);
        }
        var pending = new List<string>();
        var keys = new List<string>();
        foreach (var account in accounts)
        {
            var key = ScheduleStore.AccountKey(timing.Uuid, account);
            live.Add(key);
            if (!IsConsumed(stored, key))
            {
                pending.Add(account);
                keys.Add(key);
            }
        }
        return pending.Count == 0 ? null : new QueuedRun(planId, timing, pending, timing.Uuid, keys, now);
    }

    private static QueuedRun? Timed(string planId, ActionTiming timing, string[] accounts, IReadOnlyDictionary<string, Instant> stored,
        Instant now, DateTimeZone zone, HashSet<string> live, Dictionary<string, Instant> saves)
    {
        var key = timing.Uuid;
        live.Add(key);
        if (stored.TryGetValue(key, out var due))
        {
            if (due == ScheduleStore.Consumed)
            {
                if (timing.Schedule.IsOneShot)
                {
                    return null;
                }
            }
            else
            {
                return new QueuedRun(planId, timing, accounts, key, [key], due);
            }
        }
        // CGRateS parity: loadActionPlans drops a timing whose next start time is not in the future (years over).
        if (timing.Schedule.NextStartTime(now, zone) is not { } next)
        {
            return null;
        }
        saves[key] = next;
        return new QueuedRun(planId, timing, accounts, key, [key], next);
    }

    private static bool IsConsumed(IReadOnlyDictionary<string, Instant> stored, string key) =>
        stored.TryGetValue(key, out var at) && at == ScheduleStore.Consumed;
}
