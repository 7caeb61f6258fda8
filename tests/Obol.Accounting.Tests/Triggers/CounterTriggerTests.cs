using Obol.Accounting.Tests.Actions;
using Obol.Primitives;
using Obol.Rating;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Triggers;

/// <summary>Unit counters and the counter triggers (engine/account_test.go TestAccountExecuteTriggeredActions and friends).</summary>
public class CounterTriggerTests
{
    private static readonly CounterContext s_call = new("call", "0723");
    private readonly ActionFixture _fx = new();

    public CounterTriggerTests()
    {
        // TEST_ACTIONS of engine/calldesc_test.go populateDB.
        _fx.Actions.Add("TEST_ACTIONS", Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10)),
            Act(ActionTypes.TopUp, Filter(Meta.Voice, Seconds(10), weight: 20, destinations: "NAT")));
        _fx.Actions.Add("TEST_ACTIONS_ORDER", Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10), weight: 10), Act(ActionTypes.ResetAccount, weight: 20));
    }

    [Fact]
    public void CountUnits_MaxEventCounterReached_FiresOnceUntilReset()
    {
        var account = CountedAccount(ThresholdTypes.MaxEventCounter, threshold: 2, "TEST_ACTIONS");

        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);

        Assert.Equal((110m, Seconds(20)), Values(account));

        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);

        Assert.Equal((110m, Seconds(20)), Values(account));

        _fx.Engine.ResetTriggers(account, null);
        _fx.Engine.CountUnits(account, 10, Meta.Monetary, s_call, null);

        Assert.Equal((120m, Seconds(30)), Values(account));
    }

    [Fact]
    public void CountUnits_MinEventCounterAtOrBelowThreshold_Fires()
    {
        var account = CountedAccount(ThresholdTypes.MinEventCounter, threshold: 100, "TEST_ACTIONS");

        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);

        Assert.Equal((110m, Seconds(20)), Values(account));
        Assert.Single(account.BalancesOf(Meta.Monetary));
    }

    [Fact]
    public void CountUnits_TriggeredActions_RunInWeightOrder()
    {
        var account = CountedAccount(ThresholdTypes.MaxEventCounter, threshold: 2, "TEST_ACTIONS_ORDER");

        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);

        // *reset_account (weight 20) empties the balance before the *topup (weight 10) adds 10.
        Assert.Equal(10m, Assert.Single(account.BalancesOf(Meta.Monetary)).Value);
    }

    [Fact]
    public void CountUnits_RecurrentCounterTrigger_FiresEachTime()
    {
        var account = CountedAccount(ThresholdTypes.MaxEventCounter, threshold: 2, "TEST_ACTIONS");
        account.ActionTriggers[0].Recurrent = true;

        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);
        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);

        Assert.Equal((120m, Seconds(30)), Values(account));
        Assert.False(account.ActionTriggers[0].Executed);
    }

    [Fact]
    public void InitCounters_TwoEventTriggers_OneCounterEachAndCountingFeedsBoth()
    {
        var account = Account((Meta.Monetary, Bal(100)));
        account.ActionTriggers = [EventTrigger("day_trigger", 10), EventTrigger("week_trigger", 100)];

        ActionTriggerEngine.InitCounters(account);
        _fx.Engine.CountUnits(account, 1, Meta.Monetary, s_call, null);

        var counters = Assert.Single(account.UnitCounters[Meta.Monetary]).Counters;
        Assert.Equal([("day_trigger", 1m), ("week_trigger", 1m)], counters.Select(c => (c.Filter.ID!, c.Value)));

        _fx.Run(account, Act(ActionTypes.ResetCounters, new BalanceFilter { Type = Meta.Monetary, ID = "day_trigger" }));

        Assert.Equal([0m, 1m], counters.Select(c => c.Value));
    }

    [Fact]
    public void InitCounters_MixedTriggers_GroupsByBalanceTypeAndCounterType()
    {
        var account = Account();
        account.ActionTriggers =
        [
            Typed("TestTR1", ThresholdTypes.MaxEventCounter, Meta.Monetary), Typed("TestTR11", ThresholdTypes.MaxEventCounter, Meta.Monetary),
            Typed("TestTR2", ThresholdTypes.MaxEventCounter, Meta.Voice), Typed("TestTR3", ThresholdTypes.MaxBalanceCounter, Meta.Voice),
            Typed("TestTR4", ThresholdTypes.MaxBalanceCounter, Meta.Sms), Typed("TestTR5", ThresholdTypes.MaxBalance, Meta.Sms),
        ];

        ActionTriggerEngine.InitCounters(account);
        ActionTriggerEngine.InitCounters(account);

        Assert.Equal(3, account.UnitCounters.Count);
        Assert.Equal(2, account.UnitCounters[Meta.Monetary][0].Counters.Count);
        Assert.Equal([(ThresholdTypes.EventCounter, 1), (ThresholdTypes.BalanceCounter, 1)],
            account.UnitCounters[Meta.Voice].Select(u => (u.CounterType, u.Counters.Count)));
        Assert.Equal(ThresholdTypes.BalanceCounter, Assert.Single(account.UnitCounters[Meta.Sms]).CounterType);
    }

    [Fact]
    public void InitCounters_Again_KeepsTheCountedValues()
    {
        var account = Account();
        account.ActionTriggers = [EventTrigger("T1", 100)];
        ActionTriggerEngine.InitCounters(account);
        _fx.Engine.CountUnits(account, 7, Meta.Monetary, s_call, null);

        ActionTriggerEngine.InitCounters(account);

        Assert.Equal(7m, account.UnitCounters[Meta.Monetary][0].Counters[0].Value);
    }

    [Fact]
    public void CountUnits_KindWithoutCounters_CountsNothing()
    {
        var account = Account();
        account.UnitCounters[Meta.Monetary] = [new UnitCounter { Counters = [new CounterFilter()] }];

        _fx.Engine.CountUnits(account, 10, Meta.Voice, s_call, null);
        _fx.Engine.CountUnits(account, 10, Meta.Monetary, s_call, null);
        _fx.Engine.CountUnits(account, 10, Meta.Monetary, s_call, null);

        Assert.Equal(20m, account.UnitCounters[Meta.Monetary][0].Counters[0].Value);
    }

    [Fact]
    public void CountUnits_EventCounterForDestinations_CountsOnlyCallsToThem()
    {
        var destinations = new RatingDataSet(new Dictionary<string, string[]> { ["NAT"] = ["0723", "0724"], ["RET"] = ["0721"] }, [], []);
        var fx = new ActionFixture(destinations);
        var account = Account();
        account.UnitCounters[Meta.Monetary] =
        [
            new UnitCounter { Counters = [new CounterFilter { Filter = new BalanceFilter { Type = Meta.Monetary, DestinationIDs = StringMap.Parse("NAT") } }] },
        ];

        fx.Engine.CountUnits(account, 1, Meta.Monetary, new CounterContext("call", "0723045"), null);
        fx.Engine.CountUnits(account, 2, Meta.Monetary, new CounterContext("call", "0721045"), null);
        fx.Engine.CountUnits(account, 4, Meta.Monetary, new CounterContext("call", ""), null);

        Assert.Equal(5m, account.UnitCounters[Meta.Monetary][0].Counters[0].Value);
    }

    [Fact]
    public void CountUnits_EventCounterForCategories_CountsOnlyThoseCategories()
    {
        var account = Account();
        account.UnitCounters[Meta.Monetary] =
        [
            new UnitCounter { Counters = [new CounterFilter { Filter = new BalanceFilter { Categories = StringMap.Parse("call") } }] },
        ];

        _fx.Engine.CountUnits(account, 1, Meta.Monetary, new CounterContext("call", "1002"), null);
        _fx.Engine.CountUnits(account, 2, Meta.Monetary, new CounterContext("sms", "1002"), null);

        Assert.Equal(1m, account.UnitCounters[Meta.Monetary][0].Counters[0].Value);
    }

    [Fact]
    public void CountUnits_BalanceCounter_CountsOnlyAmountsFromMatchingBalances()
    {
        var fromBalance = Bal(10, id: "MATCH", weight: 20);
        var otherBalance = Bal(10, id: "OTHER", weight: 10);
        var account = Account((Meta.Voice, fromBalance), (Meta.Voice, otherBalance));
        account.UnitCounters[Meta.Voice] =
        [
            new UnitCounter { CounterType = ThresholdTypes.BalanceCounter, Counters = [new CounterFilter { Filter = new BalanceFilter { ID = "X", Weight = 20 } }] },
        ];

        _fx.Engine.CountUnits(account, 3, Meta.Voice, s_call, fromBalance);
        _fx.Engine.CountUnits(account, 5, Meta.Voice, s_call, otherBalance);
        _fx.Engine.CountUnits(account, 7, Meta.Voice, s_call, null);

        Assert.Equal(3m, account.UnitCounters[Meta.Voice][0].Counters[0].Value);
    }

    [Fact]
    public void CountUnits_MaxBalanceCounter_FiresFromBalanceCounts()
    {
        var voice = Bal(100, id: "V", weight: 10);
        var account = Account((Meta.Voice, voice), (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers = [Typed("BC", ThresholdTypes.MaxBalanceCounter, Meta.Voice, threshold: 5, actions: "BONUS")];
        _fx.Actions.Add("BONUS", Act(ActionTypes.TopUp, Filter(Meta.Monetary, 1, id: "M")));
        ActionTriggerEngine.InitCounters(account);

        _fx.Engine.CountUnits(account, 3, Meta.Voice, s_call, voice);
        _fx.Engine.CountUnits(account, 3, Meta.Voice, s_call, voice);

        Assert.Equal(1m, account.FindBalanceById(Meta.Monetary, "M")!.Value);
    }

    [Fact]
    public void CountUnits_TriggerWithBalanceIdAndUniqueId_NeverEqualsItsCounter()
    {
        // CGRateS parity: evaluation renames the trigger's filter after its UniqueID while InitCounters keeps the balance ID.
        var account = Account((Meta.Monetary, Bal(100)));
        account.ActionTriggers = [EventTrigger("U1", 1)];
        account.ActionTriggers[0].Balance = account.ActionTriggers[0].Balance with { ID = "B1" };
        ActionTriggerEngine.InitCounters(account);

        _fx.Engine.CountUnits(account, 5, Meta.Monetary, s_call, null);

        Assert.Equal(100m, account.BalancesOf(Meta.Monetary)[0].Value);
        Assert.False(account.ActionTriggers[0].Executed);
    }

    private static Account CountedAccount(string thresholdType, decimal threshold, string actions)
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(Seconds(10), weight: 20, destinations: "NAT")),
            (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));
        account.UnitCounters[Meta.Monetary] =
        [
            new UnitCounter { Counters = [new CounterFilter { Value = 1, Filter = new BalanceFilter { Type = Meta.Monetary } }] },
        ];
        account.ActionTriggers =
        [
            new ActionTrigger { Balance = new BalanceFilter { Type = Meta.Monetary }, ThresholdValue = threshold, ThresholdType = thresholdType, ActionsId = actions },
        ];
        return account;
    }

    private static (decimal Money, decimal Voice) Values(Account account) =>
        (account.BalancesOf(Meta.Monetary)[0].Value, account.BalancesOf(Meta.Voice)[0].Value);

    private static ActionTrigger EventTrigger(string uniqueId, decimal threshold) =>
        Typed(uniqueId, ThresholdTypes.MaxEventCounter, Meta.Monetary, threshold, "TEST_ACTIONS");

    private static ActionTrigger Typed(string uniqueId, string thresholdType, string balanceType, decimal threshold = 10, string actions = "TEST_ACTIONS") => new()
    {
        UniqueID = uniqueId,
        ThresholdType = thresholdType,
        ThresholdValue = threshold,
        Balance = new BalanceFilter { Type = balanceType, Weight = 10 },
        ActionsId = actions,
    };
}
