using System.Collections.Concurrent;
using NodaTime;
using Obol.Accounting.Scheduling;

namespace Obol.Accounting.Tests.Scheduling;

/// <summary>One runner call: when (fake clock), which action list, on which accounts.</summary>
internal sealed record RunnerCall(Instant At, string ActionsId, string[] Accounts);

/// <summary>Records every call; throws for the action lists in <see cref="Failing"/>.</summary>
internal sealed class RecordingRunner(TimeProvider time) : IActionPlanRunner
{
    private readonly ConcurrentQueue<RunnerCall> _calls = new();

    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<RunnerCall> Calls => [.. _calls];

    public IEnumerable<string> ActionsRun => _calls.Select(c => c.ActionsId);

    public Task RunAsync(string actionsId, IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        _calls.Enqueue(new RunnerCall(Instant.FromDateTimeOffset(time.GetUtcNow()), actionsId, [.. accountIds]));
        return Failing.Contains(actionsId) ? throw new InvalidOperationException($"{actionsId} failed") : Task.CompletedTask;
    }
}

/// <summary>Plans, timings and a settled wait for the scheduler tests.</summary>
internal static class SchedulerHarness
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(10);

    public static ActionPlan Plan(string id, string[] accounts, params ActionTiming[] timings) =>
        new(id, timings, accounts.ToHashSet(StringComparer.Ordinal));

    public static ActionTiming Timing(string uuid, string start, string actionsId, decimal weight = 10) =>
        new(uuid, ActionTimingSchedule.Create(uuid, [], [], [], [], start), actionsId, weight);

    public static ActionTiming Timing(string uuid, ActionTimingSchedule schedule, string actionsId, decimal weight = 10) =>
        new(uuid, schedule, actionsId, weight);

    /// <summary>Waits until the loop sleeps with nothing due; the guard only turns a hang into a failure.</summary>
    public static Task SettleAsync(this ActionPlanScheduler scheduler) =>
        scheduler.WhenIdleAsync().WaitAsync(s_guard, Xunit.TestContext.Current.CancellationToken);

    public static async Task AdvanceAndSettleAsync(this ActionPlanScheduler scheduler, ManualTimeProvider time, Instant to)
    {
        time.AdvanceTo(to);
        await scheduler.SettleAsync();
    }
}
