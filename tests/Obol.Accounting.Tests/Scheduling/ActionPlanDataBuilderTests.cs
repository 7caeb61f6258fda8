using NodaTime;
using Obol.Accounting.Scheduling;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Accounting.Tests.Scheduling;

public class ActionPlanDataBuilderTests
{
    private static readonly Instant s_loadTime = Instant.FromUtc(2024, 5, 1, 12, 0);
    private static readonly TariffPlanReadOptions s_options = new(DateTimeZone.Utc, s_loadTime);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Build_Tutorial_BindsPackageToThreeAccounts()
    {
        var (plans, errors) = ActionPlanDataBuilder.Build(ReadReference("tutorial"), s_options);

        Assert.Empty(errors);
        var plan = Assert.Single(plans);
        Assert.Equal("AP_PACKAGE_10", plan.Id);
        Assert.Equal(["cgrates.org:1001", "cgrates.org:1002", "cgrates.org:1003"], plan.AccountIds.Order(StringComparer.Ordinal));
        var timing = Assert.Single(plan.ActionTimings);
        Assert.Equal(("ACT_TOPUP_RST_10", 10m, ActionTimingKind.Asap), (timing.ActionsId, timing.Weight, timing.Schedule.Kind));
    }

    [Fact]
    public async Task Scheduler_TutorialPlan_RunsTopupOnceForTheThreeAccounts()
    {
        var (plans, _) = ActionPlanDataBuilder.Build(ReadReference("tutorial"), s_options);
        var time = new ManualTimeProvider(s_loadTime);
        var runner = new RecordingRunner(time);
        await using var scheduler = new ActionPlanScheduler(runner, new InMemoryScheduleStore(), DateTimeZone.Utc, time);
        await scheduler.ReloadAsync(plans, Ct);

        var queued = Assert.Single(scheduler.GetScheduledActions());
        Assert.Equal(("AP_PACKAGE_10", "ACT_TOPUP_RST_10", 3, s_loadTime), (queued.ActionPlanId, queued.ActionsId, queued.Accounts, queued.NextRunTime));
        scheduler.Start();
        await scheduler.SettleAsync();
        await scheduler.AdvanceAndSettleAsync(time, s_loadTime + Duration.FromDays(1));

        var call = Assert.Single(runner.Calls);
        Assert.Equal("ACT_TOPUP_RST_10", call.ActionsId);
        Assert.Equal(["cgrates.org:1001", "cgrates.org:1002", "cgrates.org:1003"], call.Accounts);
    }

    [Fact]
    public void Build_Tutorial2_UserTimingIsRecurringAtNoon()
    {
        var (plans, errors) = ActionPlanDataBuilder.Build(ReadReference("tutorial2"), s_options);

        Assert.Empty(errors);
        var plan = Assert.Single(plans, p => p.Id == "STANDARD_PLAN");
        Assert.Equal(6, plan.ActionTimings.Count);
        var noon = Assert.Single(plan.ActionTimings, t => t.Schedule.Kind == ActionTimingKind.Recurring);
        Assert.Equal("TM_NOON", noon.Schedule.TimingId);
        Assert.Equal(Instant.FromUtc(2024, 5, 2, 12, 0), noon.Schedule.NextStartTime(s_loadTime, DateTimeZone.Utc));
        Assert.Equal(plan.ActionTimings.Count, plan.ActionTimings.Select(t => t.Uuid).Distinct().Count());
    }

    [Fact]
    public void Build_SamePlanLoadedLater_KeepsUuidsOfRelativeTimings()
    {
        var plan = Plan([Row("AP", "ACT", "*daily"), Row("AP", "ACT", "*daily")]);
        var (first, _) = ActionPlanDataBuilder.Build(plan, s_options);
        var (later, _) = ActionPlanDataBuilder.Build(plan, s_options with { Now = s_loadTime + Duration.FromHours(5) });

        Assert.Equal(first[0].ActionTimings.Select(t => t.Uuid), later[0].ActionTimings.Select(t => t.Uuid));
        Assert.NotEqual(first[0].ActionTimings[0].Uuid, first[0].ActionTimings[1].Uuid);
        Assert.Equal("17:00:00", later[0].ActionTimings[0].Schedule.StartTime);
    }

    [Fact]
    public void Build_UnknownTiming_ErrorAtPlanRow()
    {
        var (plans, errors) = ActionPlanDataBuilder.Build(Plan([Row("AP", "ACT", "NOPE")]), s_options);

        Assert.Empty(plans);
        Assert.Equal("ActionPlans.csv:2: TimingID: unknown timing \"NOPE\"", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Build_UnknownActions_ErrorAtPlanRow()
    {
        var (_, errors) = ActionPlanDataBuilder.Build(Plan([Row("AP", "MISSING", "*asap")]), s_options);
        Assert.Equal("ActionPlans.csv:2: ActionsID: unknown actions \"MISSING\"", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Build_TimingCronCannotParse_ErrorNamesTimingRow()
    {
        var plan = Plan([Row("AP", "ACT", "MIXED")],
            timings: [new TpTiming(new SourceLocation("Timings.csv", 3), "MIXED", [], [], [-1, 15], [], "00:00:00")]);
        var error = Assert.Single(ActionPlanDataBuilder.Build(plan, s_options).Errors);
        Assert.Equal(("ActionPlans.csv", 2, "TimingID", false), (error.File, error.Line, error.Column, error.IsWarning));
        Assert.Contains("Timings.csv:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TimingStartIsOtherWord_WarnsEverySecond()
    {
        var plan = Plan([Row("AP", "ACT", "ODD")], timings: [new TpTiming(new SourceLocation("Timings.csv", 2), "ODD", [], [], [], [], "*daily")]);
        var (plans, errors) = ActionPlanDataBuilder.Build(plan, s_options);
        Assert.True(Assert.Single(errors).IsWarning);
        Assert.Equal("* * * * * * *", Assert.Single(plans).ActionTimings[0].Schedule.CronLine);
    }

    [Fact]
    public void Build_AccountBoundToUnknownPlan_ErrorAtAccountRow()
    {
        var plan = Plan([Row("AP", "ACT", "*asap")],
            accounts: [new TpAccountAction(new SourceLocation("AccountActions.csv", 4), "cgrates.org", "1001", "AP_NOPE", "", false, false)]);
        var (plans, errors) = ActionPlanDataBuilder.Build(plan, s_options);
        Assert.Equal("AccountActions.csv:4: ActionPlanID: unknown action plan \"AP_NOPE\"", Assert.Single(errors).ToString());
        Assert.Empty(Assert.Single(plans).AccountIds);
    }

    [Fact]
    public void Build_AccountListedTwice_LastRowWins()
    {
        var plan = Plan([Row("AP1", "ACT", "*asap"), Row("AP2", "ACT", "*asap")], accounts:
        [
            new TpAccountAction(new SourceLocation("AccountActions.csv", 2), "cgrates.org", "1001", "AP1", "", false, false),
            new TpAccountAction(new SourceLocation("AccountActions.csv", 3), "cgrates.org", "1001", "AP2", "", false, false),
        ]);
        var plans = ActionPlanDataBuilder.Build(plan, s_options).Plans;
        Assert.Empty(plans.Single(p => p.Id == "AP1").AccountIds);
        Assert.Equal(["cgrates.org:1001"], plans.Single(p => p.Id == "AP2").AccountIds);
    }

    private static TariffPlan ReadReference(string name)
    {
        var result = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", name), s_options);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Plan;
    }

    private static TpActionPlan Row(string id, string actionsId, string timingId) =>
        new(new SourceLocation("ActionPlans.csv", 2), id, actionsId, timingId, 10);

    private static TariffPlan Plan(TpActionPlan[] rows, TpTiming[]? timings = null, TpAccountAction[]? accounts = null) => new()
    {
        ActionPlans = rows,
        Timings = timings ?? [],
        AccountActions = accounts ?? [],
        Actions =
        [
            new TpAction(new SourceLocation("Actions.csv", 2), "ACT", "*topup", "", "", "", "*monetary", [], [], "", [], "", [], "10", "", "", "", 10),
        ],
    };
}
