using System.Text.Json.Serialization;
using NodaTime;
using Obol.Accounting.Scheduling;
using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.Api;

/// <summary>The scheduler's queue (APIerSv1.GetScheduledActions) and SchedulerSv1: reload, and action plans run now.</summary>
public sealed partial class ApierService
{
    // A replay over a long window of a timing that recurs every second stops here instead of running without end.
    private const int MaxReplayedRuns = 100_000;

    private void RegisterScheduler(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<ArgsGetScheduledActions, List<ScheduledActionWire>>("APIerSv1.GetScheduledActions", (a, _) =>
            ValueTask.FromResult(GetScheduledActions(a)));
        dispatcher.Add<Dictionary<string, object?>, string>("SchedulerSv1.Reload", async (_, ct) =>
        {
            await rals.Scheduler.ReloadAsync(rals.ActionPlans, ct).ConfigureAwait(false);
            return Ok;
        });
        dispatcher.Add<AttrsExecuteActions, string>("SchedulerSv1.ExecuteActions", ExecuteActionsAsync);
        dispatcher.Add<AttrsExecuteActionPlans, string>("SchedulerSv1.ExecuteActionPlans", ExecuteActionPlansAsync);
        dispatcher.AddPing("SchedulerSv1");
    }

    /// <summary>Scheduler.GetScheduledActions: the queue in run order, filtered by due time ([TimeStart, TimeEnd)) and by
    /// an account it runs on, then paged; NOT_FOUND when nothing is left.</summary>
    private RpcResult<List<ScheduledActionWire>> GetScheduledActions(ArgsGetScheduledActions args)
    {
        if (!rals.Scheduler.IsRunning)
        {
            return RpcResult.Fail<List<ScheduledActionWire>>("SCHEDULER_NOT_RUNNING");
        }
        IEnumerable<ScheduledAction> queued = rals.Scheduler.GetScheduledActions()
            .Where(s => args.TimeStart is not { } start || s.NextRunTime >= start)
            .Where(s => args.TimeEnd is not { } end || s.NextRunTime < end)
            .Where(s => (args.Tenant is null && args.Account is null) || s.AccountIds.Any(id => RunsOn(id, args.Tenant, args.Account)));
        var list = queued.Select(s => new ScheduledActionWire(s.NextRunTime, s.Accounts, s.ActionPlanId, s.ActionTimingUuid, s.ActionsId)).ToList();
        if (args.Offset is { } offset && offset <= list.Count)
        {
            list = list[Math.Max(offset, 0)..];
        }
        if (args.Limit is { } limit && limit <= list.Count)
        {
            list = list[..Math.Max(limit, 0)];
        }
        return list.Count == 0 ? RpcResult.Fail<List<ScheduledActionWire>>(ErrorCodes.NotFound) : list;
    }

    private static bool RunsOn(string accountId, string? tenant, string? account)
    {
        var parts = accountId.Split(':');
        return parts.Length == 2 && (tenant is null || tenant == parts[0]) && (account is null || account == parts[1]);
    }

    /// <summary>
    /// SchedulerSv1.ExecuteActions: the plan's timings (not <c>*asap</c>) run now on its accounts, heaviest first; with
    /// TimeStart and TimeEnd, every run every plan's recurring timings would have made in that window is made, in time
    /// order (the replay scheduler). The first failure stops and is the answer.
    /// </summary>
    private async ValueTask<RpcResult<string>> ExecuteActionsAsync(AttrsExecuteActions args, CancellationToken ct)
    {
        try
        {
            if (!string.IsNullOrEmpty(args.ActionPlanId))
            {
                if (rals.GetActionPlan(args.ActionPlanId) is not { } plan)
                {
                    return RpcResult.Fail<string>(ErrorCodes.NotFound);
                }
                foreach (var timing in plan.ActionTimings.Where(t => t.Schedule.Kind != ActionTimingKind.Asap).OrderByDescending(t => t.Weight))
                {
                    await rals.RunAsync(timing.ActionsId, plan.AccountIds, ct).ConfigureAwait(false);
                }
            }
            if (NotZero(args.TimeStart) is { } start && NotZero(args.TimeEnd) is { } end)
            {
                foreach (var (_, plan, timing) in Replay(start, end))
                {
                    await rals.RunAsync(timing.ActionsId, plan.AccountIds, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or AggregateException)
        {
            return RpcResult.Fail<string>(e.Message);
        }
        return Ok;
    }

    // Go's zero time.Time is "not given".
    private static Instant? NotZero(Instant? t) => t == GoTime.Zero.ToInstant() ? null : t;

    private List<(Instant At, ActionPlan Plan, ActionTiming Timing)> Replay(Instant start, Instant end)
    {
        var runs = new List<(Instant At, ActionPlan Plan, ActionTiming Timing)>();
        foreach (var plan in rals.ActionPlans)
        {
            foreach (var timing in plan.ActionTimings.Where(t => t.Schedule.Kind == ActionTimingKind.Recurring))
            {
                // Strictly after its reference, so one second back lets a run due at the start itself count.
                for (var at = timing.Schedule.NextStartTime(start - Duration.FromSeconds(1), defaultZone);
                    at is { } due && due <= end && runs.Count < MaxReplayedRuns;
                    at = timing.Schedule.NextStartTime(due, defaultZone))
                {
                    runs.Add((due, plan, timing));
                }
            }
        }
        return [.. runs.OrderBy(r => r.At).ThenByDescending(r => r.Timing.Weight)];
    }

    /// <summary>SchedulerSv1.ExecuteActionPlans: every timing of the plans, <c>*asap</c> included, run now on one account,
    /// which is created when missing.</summary>
    private async ValueTask<RpcResult<string>> ExecuteActionPlansAsync(AttrsExecuteActionPlans args, CancellationToken ct) =>
        await rals.ExecuteActionPlansAsync(args.ActionPlanIds ?? [], (args.Tenant ?? "") + ":" + (args.AccountId ?? ""), ct).ConfigureAwait(false)
            is { } error ? RpcResult.Fail<string>(error) : Ok;
}

/// <summary>scheduler.ArgsGetScheduledActions.</summary>
public sealed record ArgsGetScheduledActions
{
    public string? Tenant { get; init; }

    public string? Account { get; init; }

    public Instant? TimeStart { get; init; }

    public Instant? TimeEnd { get; init; }

    public int? Limit { get; init; }

    public int? Offset { get; init; }
}

/// <summary>scheduler.ScheduledAction.</summary>
public sealed record ScheduledActionWire(
    Instant NextRunTime,
    int Accounts,
    [property: JsonPropertyName("ActionPlanID")] string ActionPlanId,
    [property: JsonPropertyName("ActionTimingUUID")] string ActionTimingUuid,
    [property: JsonPropertyName("ActionsID")] string ActionsId);

/// <summary>utils.AttrsExecuteActions.</summary>
public sealed record AttrsExecuteActions
{
    [JsonPropertyName("ActionPlanID")]
    public string? ActionPlanId { get; init; }

    public Instant? TimeStart { get; init; }

    public Instant? TimeEnd { get; init; }
}

/// <summary>utils.AttrsExecuteActionPlans.</summary>
public sealed record AttrsExecuteActionPlans
{
    [JsonPropertyName("ActionPlanIDs")]
    public IReadOnlyList<string>? ActionPlanIds { get; init; }

    public string? Tenant { get; init; }

    [JsonPropertyName("AccountID")]
    public string? AccountId { get; init; }
}
