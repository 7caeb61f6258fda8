using NodaTime;
using Obol.Accounting.Scheduling;
using Xunit;
using static Obol.Accounting.Tests.Scheduling.SchedulerHarness;

namespace Obol.Accounting.Tests.Scheduling;

public class ActionPlanSchedulerTests
{
    private static readonly Instant s_start = Instant.FromUtc(2024, 3, 1, 10, 0);

    private readonly ManualTimeProvider _time = new(s_start);
    private readonly InMemoryScheduleStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_AsapTiming_RunsOnceForAllAccounts()
    {
        var runner = new RecordingRunner(_time);
        await using var scheduler = New(runner);
        await scheduler.ReloadAsync([Plan("AP", ["cgrates.org:1002", "cgrates.org:1001"], Timing("U1", "*asap", "ACT_TOPUP"))], Ct);
        scheduler.Start();
        await scheduler.SettleAsync();
        await scheduler.AdvanceAndSettleAsync(_time, s_start + Duration.FromDays(3));

        var call = Assert.Single(runner.Calls);
        Assert.Equal("ACT_TOPUP", call.ActionsId);
        Assert.Equal(["cgrates.org:1001", "cgrates.org:1002"], call.Accounts);
        Assert.Equal(s_start, call.At);
        Assert.Empty(scheduler.GetScheduledActions());
    }

    [Fact]
    public async Task Start_DailyTiming_RunsEveryDayAtTheTimeAndNotBefore()
    {
        var runner = new RecordingRunner(_time);
        await using var scheduler = New(runner);
        await scheduler.ReloadAsync([Plan("AP", ["cgrates.org:1001"], Timing("U1", "08:00:00", "ACT_DAILY"))], Ct);
        Assert.Equal(Instant.FromUtc(2024, 3, 2, 8, 0), Assert.Single(scheduler.GetScheduledActions()).NextRunTime);
        scheduler.Start();

        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 2, 7, 59, 59));
        Assert.Empty(runner.Calls);
        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 2, 8, 0));
        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 3, 7, 59, 59));
        Assert.Single(runner.Calls);
        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 3, 8, 0));

        Assert.Equal([Instant.FromUtc(2024, 3, 2, 8, 0), Instant.FromUtc(2024, 3, 3, 8, 0)], runner.Calls.Select(c => c.At));
        Assert.Equal(Instant.FromUtc(2024, 3, 4, 8, 0), Assert.Single(scheduler.GetScheduledActions()).NextRunTime);
    }

    [Fact]
    public async Task Start_DailyInBerlinAcrossDstChange_RunsAtEightLocalEachDay()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var time = new ManualTimeProvider(Instant.FromUtc(2024, 3, 29, 12, 0));
        var runner = new RecordingRunner(time);
        await using var scheduler = new ActionPlanScheduler(runner, _store, berlin, time);
        await scheduler.ReloadAsync([Plan("AP", ["cgrates.org:1001"], Timing("U1", "08:00:00", "ACT_DAILY"))], Ct);
        scheduler.Start();
        // 08:00 CET is 07:00Z on the 30th; 08:00 CEST is 06:00Z from the 31st.
        Instant[] expected = [Instant.FromUtc(2024, 3, 30, 7, 0), Instant.FromUtc(2024, 3, 31, 6, 0), Instant.FromUtc(2024, 4, 1, 6, 0)];
        for (var i = 0; i < expected.Length; i++)
        {
            await scheduler.AdvanceAndSettleAsync(time, expected[i] - Duration.FromSeconds(1));
            Assert.Equal(i, runner.Calls.Count);
            await scheduler.AdvanceAndSettleAsync(time, expected[i]);
            Assert.Equal(i + 1, runner.Calls.Count);
        }
        Assert.Equal(expected, runner.Calls.Select(c => c.At));
    }

    [Fact]
    public async Task Run_RunnerThrows_ReportsAndKeepsRunning()
    {
        var runner = new RecordingRunner(_time) { Failing = { "ACT_FAIL" } };
        await using var scheduler = New(runner);
        var faults = new List<SchedulerFaultEventArgs>();
        scheduler.Faulted += (_, e) => faults.Add(e);
        await scheduler.ReloadAsync(
        [
            Plan("AP", ["cgrates.org:1001"],
                Timing("U1", "*asap", "ACT_FAIL", weight: 20), Timing("U2", "*asap", "ACT_OK", weight: 10),
                Timing("U3", "08:00:00", "ACT_FAIL"), Timing("U4", "09:00:00", "ACT_DAILY")),
        ], Ct);
        scheduler.Start();
        await scheduler.SettleAsync();
        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 2, 9, 0));
        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 3, 9, 0));

        Assert.Equal(["ACT_FAIL", "ACT_OK", "ACT_FAIL", "ACT_DAILY", "ACT_FAIL", "ACT_DAILY"], runner.ActionsRun);
        Assert.Equal(3, faults.Count);
        Assert.All(faults, f => Assert.Equal("ACT_FAIL", f.ActionsId));
        Assert.Equal("U1", faults[0].ActionTimingUuid);
        Assert.IsType<InvalidOperationException>(faults[0].Exception);
        Assert.True(scheduler.IsRunning);
    }

    [Fact]
    public async Task Run_FaultHandlerThrows_LoopSurvives()
    {
        var runner = new RecordingRunner(_time) { Failing = { "ACT_FAIL" } };
        await using var scheduler = New(runner);
        scheduler.Faulted += (_, _) => throw new InvalidOperationException("bad logger");
        await scheduler.ReloadAsync([Plan("AP", [], Timing("U1", "*asap", "ACT_FAIL", 20), Timing("U2", "*asap", "ACT_OK", 10))], Ct);
        scheduler.Start();
        await scheduler.SettleAsync();
        Assert.Equal(["ACT_FAIL", "ACT_OK"], runner.ActionsRun);
    }

    [Fact]
    public async Task Run_SameTime_HigherWeightFirst()
    {
        var runner = new RecordingRunner(_time);
        await using var scheduler = New(runner);
        await scheduler.ReloadAsync(
        [
            Plan("AP1", ["cgrates.org:1001"], Timing("U1", "08:00:00", "ACT_W10", 10), Timing("U2", "*asap", "ASAP_W10", 10)),
            Plan("AP2", ["cgrates.org:1002"], Timing("U3", "08:00:00", "ACT_W30", 30), Timing("U4", "*asap", "ASAP_W30", 30)),
            Plan("AP3", ["cgrates.org:1003"], Timing("U5", "08:00:00", "ACT_W20", 20), Timing("U6", "*asap", "ASAP_W20", 20)),
        ], Ct);
        Assert.Equal(["ASAP_W30", "ASAP_W20", "ASAP_W10", "ACT_W30", "ACT_W20", "ACT_W10"],
            scheduler.GetScheduledActions().Select(a => a.ActionsId));
        scheduler.Start();
        await scheduler.SettleAsync();
        await scheduler.AdvanceAndSettleAsync(_time, Instant.FromUtc(2024, 3, 2, 8, 0));

        Assert.Equal(["ASAP_W30", "ASAP_W20", "ASAP_W10", "ACT_W30", "ACT_W20", "ACT_W10"], runner.ActionsRun);
    }

    [Fact]
    public async Task Reload_EarlierTimeBeatsWeight_OrdersByTimeFirst()
    {
        // CGRateS parity: TestActionTimingPriorityListSortByWeight — day 1 at weight 10 before day 2 at weight 20.
        await using var scheduler = New(new RecordingRunner(_time));
        var day1 = ActionTimingSchedule.Create("D1", [2040], [], [1], [], "00:00:00");
        var day2 = ActionTimingSchedule.Create("D2", [2040], [], [2], [], "00:00:00");
        await scheduler.ReloadAsync([Plan("AP", [], Timing("U2", day2, "ACT_DAY2", 20), Timing("U1", day1, "ACT_DAY1", 10))], Ct);
        Assert.Equal(["ACT_DAY1", "ACT_DAY2"], scheduler.GetScheduledActions().Select(a => a.ActionsId));
    }

    [Fact]
    public async Task Reload_NewPlans_SwapsQueueAndForgetsOldTimings()
    {
        await using var scheduler = New(new RecordingRunner(_time));
        await scheduler.ReloadAsync([Plan("OLD", ["cgrates.org:1001"], Timing("U_OLD", "08:00:00", "ACT_OLD"))], Ct);
        await scheduler.ReloadAsync([Plan("NEW", ["cgrates.org:1001"], Timing("U_NEW", "09:00:00", "ACT_NEW"))], Ct);

        var queued = Assert.Single(scheduler.GetScheduledActions());
        Assert.Equal(("NEW", "U_NEW", 1), (queued.ActionPlanId, queued.ActionTimingUuid, queued.Accounts));
        var stored = await _store.LoadAsync(Ct);
        Assert.Equal(["U_NEW"], stored.Keys);
    }

    [Fact]
    public async Task Reload_WhileRunning_WakesLoopForNewAsap()
    {
        var runner = new RecordingRunner(_time);
        await using var scheduler = New(runner);
        scheduler.Start();
        await scheduler.SettleAsync();
        await scheduler.ReloadAsync([Plan("AP", ["cgrates.org:1001"], Timing("U1", "*asap", "ACT_LATE"))], Ct);
        await scheduler.SettleAsync();
        Assert.Equal(["ACT_LATE"], runner.ActionsRun);
    }

    [Fact]
    public async Task Reload_YearsOver_NotQueued()
    {
        await using var scheduler = New(new RecordingRunner(_time));
        var past = ActionTimingSchedule.Create("Y2012", [2012], [], [], [], "00:00:00");
        await scheduler.ReloadAsync([Plan("AP", [], Timing("U1", past, "ACT"))], Ct);
        Assert.Empty(scheduler.GetScheduledActions());
    }

    [Fact]
    public async Task Reload_DuplicateUuid_Throws()
    {
        await using var scheduler = New(new RecordingRunner(_time));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            scheduler.ReloadAsync([Plan("A", [], Timing("U1", "*asap", "X")), Plan("B", [], Timing("U1", "*asap", "Y"))], Ct));
    }

    [Fact]
    public async Task StopAsync_Running_EndsLoop()
    {
        var scheduler = New(new RecordingRunner(_time));
        scheduler.Start();
        Assert.True(scheduler.IsRunning);
        await scheduler.StopAsync();
        Assert.False(scheduler.IsRunning);
        await scheduler.DisposeAsync();
        await scheduler.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(scheduler.Start);
    }

    private ActionPlanScheduler New(RecordingRunner runner) => new(runner, _store, DateTimeZone.Utc, _time);
}
