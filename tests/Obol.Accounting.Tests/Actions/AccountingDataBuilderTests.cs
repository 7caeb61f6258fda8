using NodaTime;
using Obol.Primitives;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Accounting.Tests.Actions;

/// <summary>Actions.csv and ActionTriggers.csv into action lists and trigger sets (tpreader.go LoadActions,
/// LoadActionTriggers).</summary>
public class AccountingDataBuilderTests
{
    private static readonly TariffPlanReadOptions s_options = new(DateTimeZone.Utc, Instant.FromUtc(2024, 5, 1, 12, 0));

    [Fact]
    public void Build_TutorialTopUp_BalanceFilterFromTheColumns()
    {
        var data = Build(Reference("tutorial"));

        var action = Assert.Single(data.Actions["ACT_TOPUP_RST_10"]);
        Assert.Equal(("ACT_TOPUP_RST_10", ActionTypes.TopUpReset, Meta.Unlimited, 10m), (action.Id, action.ActionType, action.ExpiryTime, action.Weight));
        var b = action.Balance;
        Assert.Equal(("test", Meta.Monetary, 10m, 10m), (b.ID, b.Type, b.Value, b.Weight));
        Assert.Equal((false, false), (b.Blocker, b.Disabled));
        Assert.Null(b.DestinationIDs);
        Assert.Null(b.Categories);
        Assert.Null(b.RatingSubject);
        Assert.Empty(action.FilterIds);
    }

    [Fact]
    public void Build_TutorialLists_KeepRowOrderPerActionsId()
    {
        var data = Build(Reference("tutorial"));

        Assert.Equal([ActionTypes.Log, ActionTypes.DisableAccount], data.Actions["DISABLE_AND_LOG"].Select(a => a.ActionType));
        Assert.Equal(ActionTypes.Log, Assert.Single(data.Actions["ACT_LOG_WARNING"]).ActionType);
    }

    [Fact]
    public void Build_Tutorial2VoiceUnits_AreNanoseconds()
    {
        var data = Build(Reference("tutorial2"));

        var perCall = Assert.Single(data.Actions["TOPUP_RST_10M_VOICE"]).Balance;
        Assert.Equal(Usage.FromMinutes(10).Nanoseconds, perCall.Value);
        Assert.True(perCall.DestinationIDs!.SameAs(StringMap.Parse("DST_10")));
        Assert.Equal("RPF_SPECIAL_BLC", perCall.RatingSubject);
        Assert.Equal(1024m, Assert.Single(data.Actions["TOPUP_RST_1024_DATA"]).Balance.Value);
    }

    [Fact]
    public void Build_TutorialTriggers_GroupedByIdWithGeneratedUniqueIds()
    {
        var uuids = 0;
        var (data, errors) = AccountingDataBuilder.Build(Reference("tutorial"), s_options, () => "uuid-" + ++uuids);

        Assert.Empty(errors);
        var set = data.ActionTriggers["STANDARD_TRIGGERS"];
        Assert.Equal([("uuid-1", 20m, "ACT_LOG_WARNING"), ("uuid-2", 100m, "DISABLE_AND_LOG")], set.Select(t => (t.UniqueID, t.ThresholdValue, t.ActionsId)));
        Assert.All(set, t =>
        {
            Assert.Equal(("STANDARD_TRIGGERS", ThresholdTypes.MaxBalance, 10m), (t.ID, t.ThresholdType, t.Weight));
            Assert.Equal(new BalanceFilter { Type = Meta.Monetary }, t.Balance);
            Assert.False(t.Recurrent);
            Assert.Null(t.ExpirationDate);
            Assert.Null(t.ActivationDate);
        });
    }

    [Fact]
    public void TriggersFor_TwoAccounts_GetIndependentCopies()
    {
        var data = Build(Reference("tutorial"));

        var first = data.TriggersFor("STANDARD_TRIGGERS");
        first[0].Executed = true;

        Assert.False(data.TriggersFor("STANDARD_TRIGGERS")[0].Executed);
        Assert.Empty(data.TriggersFor("NONE"));
    }

    [Fact]
    public void Build_EveryColumn_ReadIntoTheFilter()
    {
        var plan = Texts(("Timings.csv", "TM1,*any,*any,*any,1;2,08:00:00\n"),
            ("Actions.csv", "A1,*topup,\"{\"\"*voice\"\":60}\",*string:~*req.Account:1001;FLTR_X,B1,*voice,call;!sms,DST1;!DST2,RP1,SG1,*monthly,!TM1,1m30s,*time_asc,true,1,5\n"));

        var action = Assert.Single(Build(plan).Actions["A1"]);

        Assert.Equal(["*string:~*req.Account:1001", "FLTR_X"], action.FilterIds);
        Assert.Equal(("{\"*voice\":60}", "*monthly", 5m), (action.ExtraParameters, action.ExpiryTime, action.Weight));
        var b = action.Balance;
        Assert.Equal(("B1", Meta.Voice, 90_000_000_000m, "RP1"), (b.ID, b.Type, b.Value, b.RatingSubject));
        Assert.Equal(s_options.Now.ToUnixTimeSeconds(), b.Weight);
        Assert.Equal((true, true), (b.Blocker, b.Disabled));
        Assert.Equal("call;!sms", b.Categories!.ToString());
        Assert.Equal("DST1;!DST2", b.DestinationIDs!.ToString());
        Assert.Equal("SG1", b.SharedGroups!.ToString());
        Assert.Equal("!TM1", b.TimingIDs!.ToString());
        var timing = Assert.Single(b.Timings!);
        Assert.Equal(("TM1", new LocalTime(8, 0)), (timing.Id, timing.StartTime));
    }

    [Fact]
    public void Build_ValueFormula_KeptForExecutionTime()
    {
        var data = Build(Reference("testtp"));

        var did = data.Actions["DID"].Single(a => a.ActionType == ActionTypes.Debit);
        Assert.Null(did.Balance.Value);
        Assert.Equal(new BalanceValueFormula(BalanceValueFormula.Incremental, 0, 1, "month", "day"), did.ValueFormula);
    }

    [Fact]
    public void Build_TriggerColumns_ReadIntoTheTrigger()
    {
        var plan = Texts(("ActionTriggers.csv",
            "T1,U1,*max_event_counter,5,true,1m,2030-01-01T00:00:00Z,2020-01-01T00:00:00Z,B1,*voice,call,DST1,RP,SG,2029-01-01T00:00:00Z,TM,20,false,true,LOG,30\n"),
            ("Actions.csv", "LOG,*log,,,,,,,,,,,,,,,10\n"), ("Timings.csv", "TM,*any,*any,*any,*any,00:00:00\n"));

        var t = Assert.Single(Build(plan).ActionTriggers["T1"]);

        Assert.Equal(("U1", true, Usage.FromMinutes(1), 30m), (t.UniqueID, t.Recurrent, t.MinSleep, t.Weight));
        Assert.Equal((Instant.FromUtc(2030, 1, 1, 0, 0), Instant.FromUtc(2020, 1, 1, 0, 0)), (t.ExpirationDate!.Value, t.ActivationDate!.Value));
        Assert.Equal(("B1", Meta.Voice, 20m, "RP"), (t.Balance.ID, t.Balance.Type, t.Balance.Weight, t.Balance.RatingSubject));
        Assert.Equal((true, (Instant?)Instant.FromUtc(2029, 1, 1, 0, 0)), (t.Balance.ExpirationDateSet, t.Balance.ExpirationDate));
        Assert.Equal((false, true), (t.Balance.Blocker, t.Balance.Disabled));
        Assert.Equal(("call", "DST1", "SG", "TM"), (t.Balance.Categories!.ToString(), t.Balance.DestinationIDs!.ToString(),
            t.Balance.SharedGroups!.ToString(), t.Balance.TimingIDs!.ToString()));
    }

    [Fact]
    public void Build_TriggerUnlimited_IgnoresTheBalanceExpiry()
    {
        var plan = Texts(("ActionTriggers.csv", "T1,U1,*max_balance,5,false,0,*unlimited,,,*monetary,,,,,2029-01-01T00:00:00Z,,,,,LOG,10\n"),
            ("Actions.csv", "LOG,*log,,,,,,,,,,,,,,,10\n"));

        var t = Assert.Single(Build(plan).ActionTriggers["T1"]);

        Assert.False(t.Balance.ExpirationDateSet);
        Assert.Null(t.ExpirationDate);
    }

    [Fact]
    public void Build_TriggerTimeWordWeight_ErrorAtTheRow()
    {
        var plan = Texts(("ActionTriggers.csv", "#header\nT1,U1,*max_balance,5,false,0,,,,*monetary,,,,,,,*time_desc,,,LOG,10\n"),
            ("Actions.csv", "LOG,*log,,,,,,,,,,,,,,,10\n"));

        var (data, errors) = AccountingDataBuilder.Build(plan, s_options);

        Assert.Equal("ActionTriggers.csv:2: BalanceWeight: invalid decimal \"*time_desc\"", Assert.Single(errors).ToString());
        Assert.False(data.ActionTriggers.ContainsKey("T1"));
    }

    [Fact]
    public void Build_UnknownActionTiming_ErrorAndTheListIsLeftOut()
    {
        // The reader reports the missing timing too, but keeps the row for the builders.
        var plan = ReadTexts(("Actions.csv", "A1,*log,,,,,,,,,,,,,,,10\nA1,*topup,,,,*monetary,,,,,,TM_NONE,1,,,,10\n")).Plan;

        var (data, errors) = AccountingDataBuilder.Build(plan, s_options);

        var error = Assert.Single(errors, e => e.Column == "TimingIDs");
        Assert.Equal(("Actions.csv", 2), (error.File, error.Line));
        Assert.False(data.Actions.ContainsKey("A1"));
    }

    [Fact]
    public void AccountingData_AsActionSource_ReturnsListsById()
    {
        var source = Build(Reference("tutorial"));

        Assert.Same(source.Actions["ACT_LOG_WARNING"], ((IActionSource)source).GetActions("ACT_LOG_WARNING"));
        Assert.Null(((IActionSource)source).GetActions("NOPE"));
    }

    private static TariffPlan Reference(string name)
    {
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", name), s_options);
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Errors));
        return read.Plan;
    }

    private static TariffPlan Texts(params (string Name, string Text)[] files)
    {
        var read = ReadTexts(files);
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Errors));
        return read.Plan;
    }

    private static TariffPlanReadResult ReadTexts(params (string Name, string Text)[] files) =>
        TariffPlanReader.ReadFiles(files.Select(f => (f.Name, (TextReader)new StringReader(f.Text))), s_options);

    private static AccountingData Build(TariffPlan plan)
    {
        var (data, errors) = AccountingDataBuilder.Build(plan, s_options);
        Assert.Empty(errors);
        return data;
    }
}
