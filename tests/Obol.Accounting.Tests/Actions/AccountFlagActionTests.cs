using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>Actions that flip account or trigger flags and reset counters.</summary>
public class AccountFlagActionTests
{
    private readonly ActionFixture _fx = new();

    [Theory]
    [InlineData(ActionTypes.AllowNegative, false, true)]
    [InlineData(ActionTypes.DenyNegative, true, false)]
    public void NegativeActions_Account_SetAllowNegative(string type, bool before, bool after)
    {
        var account = Account();
        account.AllowNegative = before;

        _fx.Run(account, Act(type));

        Assert.Equal(after, account.AllowNegative);
    }

    [Theory]
    [InlineData(ActionTypes.DisableAccount, false, true)]
    [InlineData(ActionTypes.EnableAccount, true, false)]
    public void EnableDisable_Account_SetDisabled(string type, bool before, bool after)
    {
        var account = Account();
        account.Disabled = before;

        _fx.Run(account, Act(type));

        Assert.Equal(after, account.Disabled);
    }

    [Fact]
    public void SetRecurrent_BalanceTypeFilter_FlipsOnlyMatchingTriggers()
    {
        var account = Account();
        account.ActionTriggers = [Trigger(Meta.Monetary), Trigger(Meta.Voice)];

        _fx.Run(account, Act(ActionTypes.SetRecurrent, new BalanceFilter { Type = Meta.Monetary }));

        Assert.Equal([true, false], account.ActionTriggers.Select(t => t.Recurrent));

        _fx.Run(account, Act(ActionTypes.UnsetRecurrent));

        Assert.All(account.ActionTriggers, t => Assert.False(t.Recurrent));
    }

    [Fact]
    public void ResetTriggers_NoFilter_RearmsEveryTrigger()
    {
        var account = Account((Meta.Monetary, Bal(10)));
        account.ActionTriggers = [Trigger(Meta.Monetary, executed: true), Trigger(Meta.Monetary, executed: true)];

        _fx.Run(account, Act(ActionTypes.ResetTriggers));

        Assert.All(account.ActionTriggers, t => Assert.False(t.Executed));
    }

    [Fact]
    public void ResetTriggers_OtherBalanceType_LeavesTriggersExecuted()
    {
        var account = Account((Meta.Monetary, Bal(10)));
        account.ActionTriggers = [Trigger(Meta.Monetary, executed: true), Trigger(Meta.Monetary, executed: true)];

        _fx.Run(account, Act(ActionTypes.ResetTriggers, new BalanceFilter { Type = Meta.Sms }));

        Assert.All(account.ActionTriggers, t => Assert.True(t.Executed));
    }

    [Fact]
    public void ResetTriggers_GroupIdInExtraParameters_RearmsOnlyThatGroup()
    {
        var account = Account();
        account.ActionTriggers = [Trigger(Meta.Monetary, executed: true, id: "G1"), Trigger(Meta.Monetary, executed: true, id: "G2")];

        _fx.Run(account, Act(ActionTypes.ResetTriggers, extra: """{"GroupID":"G2"}"""));

        Assert.Equal([true, false], account.ActionTriggers.Select(t => t.Executed));
    }

    [Fact]
    public void ResetCounters_BalanceTypeFilter_ZeroesCountersWithThatFilter()
    {
        var account = Account();
        account.ActionTriggers = [new ActionTrigger { ThresholdType = ThresholdTypes.MaxEventCounter, ThresholdValue = 2, Balance = new BalanceFilter { Type = Meta.Monetary } }];
        ActionTriggerEngine.InitCounters(account);
        account.UnitCounters[Meta.Monetary][0].Counters[0].Value = 5;
        account.UnitCounters[Meta.Sms] = [new UnitCounter { Counters = [new CounterFilter { Value = 1, Filter = new BalanceFilter { Type = Meta.Monetary } }] }];

        _fx.Run(account, Act(ActionTypes.ResetCounters, new BalanceFilter { Type = Meta.Monetary }));

        Assert.Equal(0m, account.UnitCounters[Meta.Monetary][0].Counters[0].Value);
        Assert.Equal(1m, account.UnitCounters[Meta.Sms][0].Counters[0].Value);
    }

    [Fact]
    public void ResetCounters_CounterWithDestinationFilter_KeepsItsFilterAndZeroes()
    {
        var account = Account();
        account.ActionTriggers =
        [
            new ActionTrigger
            {
                ThresholdType = ThresholdTypes.MaxEventCounter, ThresholdValue = 2, Executed = true,
                Balance = new BalanceFilter { Type = Meta.Monetary, DestinationIDs = StringMap.Parse("NAT"), Weight = 20 },
            },
        ];
        ActionTriggerEngine.InitCounters(account);
        account.UnitCounters[Meta.Monetary][0].Counters[0].Value = 3;

        ActionTriggerEngine.ResetCounters(account, null);

        var counter = Assert.Single(Assert.Single(account.UnitCounters[Meta.Monetary]).Counters);
        Assert.Equal((0m, 20m), (counter.Value, counter.Filter.Weight!.Value));
        Assert.True(counter.Filter.DestinationIDs!["NAT"]);
        Assert.True(account.ActionTriggers[0].Executed);
    }

    private static ActionTrigger Trigger(string type, bool executed = false, string id = "") => new()
    {
        ID = id,
        Balance = new BalanceFilter { Type = type },
        ThresholdValue = 2,
        ActionsId = "TEST_ACTIONS",
        Executed = executed,
    };
}
