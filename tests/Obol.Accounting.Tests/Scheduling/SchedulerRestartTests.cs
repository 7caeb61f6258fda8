using NodaTime;
using Obol.Accounting.Scheduling;
using Xunit;
using static Obol.Accounting.Tests.Scheduling.SchedulerHarness;

namespace Obol.Accounting.Tests.Scheduling;

/// <summary>A scheduler restarted over the same <see cref="FileScheduleStore"/> file resumes its schedule.</summary>
public sealed class SchedulerRestartTests : IDisposable
{
    private static readonly Instant s_firstStart = Instant.FromUtc(2024, 3, 1, 10, 0);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "obol-sched-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StorePath => Path.Combine(_folder, "schedule.json");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_AsapAlreadyRun_NotRepeated()
    {
        ActionPlan[] plans =
        [
            Plan("AP", ["cgrates.org:1001"], Timing("U_ASAP", "*asap", "ACT_ASAP", 20)),
            Plan("AP_GLOBAL", [], Timing("U_GLOBAL", "*asap", "ACT_GLOBAL", 10)),
        ];
        var first = await RunUntilSettledAsync(s_firstStart, plans);
        var second = await RunUntilSettledAsync(s_firstStart + Duration.FromMinutes(5), plans);

        Assert.Equal(["ACT_ASAP", "ACT_GLOBAL"], first.Calls.Select(c => c.ActionsId));
        Assert.Empty(first.Calls[1].Accounts);
        Assert.Empty(second.Calls);
    }

    [Fact]
    public async Task Restart_AsapPlanGainsAccount_RunsForTheNewAccountOnly()
    {
        await RunUntilSettledAsync(s_firstStart, [Plan("AP", ["cgrates.org:1001"], Timing("U_ASAP", "*asap", "ACT_ASAP"))]);
        var second = await RunUntilSettledAsync(s_firstStart + Duration.FromMinutes(5),
            [Plan("AP", ["cgrates.org:1001", "cgrates.org:1002"], Timing("U_ASAP", "*asap", "ACT_ASAP"))]);

        var call = Assert.Single(second.Calls);
        Assert.Equal(["cgrates.org:1002"], call.Accounts);
    }

    [Fact]
    public async Task Restart_PendingRuns_ResumeStoredTimes()
    {
        ActionPlan[] plans = [Plan("AP", ["cgrates.org:1001"], Timing("U_DELAY", "+1h", "ACT_DELAY"), Timing("U_DAILY", "08:00:00", "ACT_DAILY"))];
        await RunUntilSettledAsync(s_firstStart, plans);
        var second = await RunUntilSettledAsync(s_firstStart + Duration.FromMinutes(30), plans);

        // Recomputed, +1h would land at 11:30; the stored 11:00 survives the restart.
        Assert.Empty(second.Calls);
        Assert.Equal(
            [("ACT_DELAY", Instant.FromUtc(2024, 3, 1, 11, 0)), ("ACT_DAILY", Instant.FromUtc(2024, 3, 2, 8, 0))],
            second.Queue.Select(a => (a.ActionsId, a.NextRunTime)));
    }

    [Fact]
    public async Task Restart_RunsMissedWhileDown_RunOnceThenContinueOnSchedule()
    {
        ActionPlan[] plans = [Plan("AP", ["cgrates.org:1001"], Timing("U_DELAY", "+1h", "ACT_DELAY"), Timing("U_DAILY", "08:00:00", "ACT_DAILY"))];
        await RunUntilSettledAsync(s_firstStart, plans);
        // Down from 10:00 on the 1st to 09:00 on the 4th: the one-shot and three daily runs were missed.
        var second = await RunUntilSettledAsync(Instant.FromUtc(2024, 3, 4, 9, 0), plans);
        var third = await RunUntilSettledAsync(Instant.FromUtc(2024, 3, 4, 9, 30), plans);

        Assert.Equal(["ACT_DELAY", "ACT_DAILY"], second.Calls.Select(c => c.ActionsId));
        Assert.Equal([("ACT_DAILY", Instant.FromUtc(2024, 3, 5, 8, 0))], second.Queue.Select(a => (a.ActionsId, a.NextRunTime)));
        Assert.Empty(third.Calls);
    }

    [Fact]
    public async Task Restart_AfterRecurringRun_ResumesFromTheNextOccurrence()
    {
        ActionPlan[] plans = [Plan("AP", ["cgrates.org:1001"], Timing("U_DAILY", "08:00:00", "ACT_DAILY"))];
        var time = new ManualTimeProvider(s_firstStart);
        var runner = new RecordingRunner(time);
        using (var store = new FileScheduleStore(StorePath))
        {
            await using var scheduler = new ActionPlanScheduler(runner, store, DateTimeZone.Utc, time);
            await scheduler.ReloadAsync(plans, Ct);
            scheduler.Start();
            await scheduler.AdvanceAndSettleAsync(time, Instant.FromUtc(2024, 3, 2, 8, 0));
        }
        var second = await RunUntilSettledAsync(Instant.FromUtc(2024, 3, 2, 8, 30), plans);

        Assert.Single(runner.Calls);
        Assert.Empty(second.Calls);
        Assert.Equal(Instant.FromUtc(2024, 3, 3, 8, 0), Assert.Single(second.Queue).NextRunTime);
    }

    /// <summary>One process lifetime: a fresh store over the file, a fresh scheduler, reload, start, settle, stop.</summary>
    private async Task<(IReadOnlyList<RunnerCall> Calls, IReadOnlyList<ScheduledAction> Queue)> RunUntilSettledAsync(Instant now,
        IEnumerable<ActionPlan> plans)
    {
        var time = new ManualTimeProvider(now);
        var runner = new RecordingRunner(time);
        using var store = new FileScheduleStore(StorePath);
        await using var scheduler = new ActionPlanScheduler(runner, store, DateTimeZone.Utc, time);
        await scheduler.ReloadAsync(plans, Ct);
        scheduler.Start();
        await scheduler.SettleAsync();
        return (runner.Calls, scheduler.GetScheduledActions());
    }
}
