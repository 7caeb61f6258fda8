using NodaTime;
using Obol.Accounting.Tests.Actions;
using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Triggers;

/// <summary>*max_balance, *min_balance, *balance_expired and the trigger life cycle (engine/account_test.go,
/// engine/action_trigger.go).</summary>
public class BalanceTriggerTests
{
    private readonly ActionFixture _fx = new();

    public BalanceTriggerTests()
    {
        _fx.Actions.Add("LOG", Act(ActionTypes.Log));
        _fx.Actions.Add("TEST_ACTIONS", Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10)),
            Act(ActionTypes.TopUp, Filter(Meta.Voice, Seconds(10), weight: 20, destinations: "NAT")));
    }

    [Fact]
    public void MaxBalance_DirtyBalanceAtThreshold_Fires()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(20, id: "M")));
        account.BalancesOf(Meta.Monetary)[0].Dirty = true;

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Single(_fx.Effects.AccountLogs);
        Assert.True(account.ActionTriggers[0].Executed);
        Assert.Equal(ActionFixture.DefaultNow, account.ActionTriggers[0].LastExecutionTime);
    }

    [Fact]
    public void MaxBalance_CleanBalanceOverThreshold_DoesNotFire()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(50, id: "M")));

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Empty(_fx.Effects.AccountLogs);
        Assert.False(account.ActionTriggers[0].Executed);
    }

    [Theory]
    [InlineData(2.5, false)]
    [InlineData(2, true)]
    [InlineData(-1, true)]
    public void MinBalance_DirtyBalance_FiresAtOrBelowThreshold(decimal value, bool fires)
    {
        var account = WithTrigger(ThresholdTypes.MinBalance, 2, (Meta.Monetary, Bal(value, id: "M")));
        account.BalancesOf(Meta.Monetary)[0].Dirty = true;

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Equal(fires ? 1 : 0, _fx.Effects.AccountLogs.Count);
    }

    [Fact]
    public void MaxBalance_BalanceOfAnotherType_DoesNotFire()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 1, (Meta.Voice, Bal(50, id: "V")));
        account.BalancesOf(Meta.Voice)[0].Dirty = true;

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Empty(_fx.Effects.AccountLogs);
    }

    [Fact]
    public void MaxBalance_TriggerFilterComparesExactly_OnlyTheBalanceWithThoseDestinations()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 1, (Meta.Monetary, Bal(5, destinations: "NAT;RET")), (Meta.Monetary, Bal(5, destinations: "NAT")));
        account.ActionTriggers[0].Balance = account.ActionTriggers[0].Balance with { DestinationIDs = StringMap.Parse("NAT") };
        account.BalancesOf(Meta.Monetary)[0].Dirty = true;

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Empty(_fx.Effects.AccountLogs);

        account.BalancesOf(Meta.Monetary)[1].Dirty = true;
        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Single(_fx.Effects.AccountLogs);
    }

    [Fact]
    public void BalanceExpired_ExpiredCleanBalance_FiresAndTheBalanceIsCleanedAway()
    {
        var account = Account((Meta.Monetary, Bal(100, expires: Instant.FromUtc(2015, 11, 9, 9, 48))),
            (Meta.Voice, Bal(Seconds(10), weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));
        account.ActionTriggers = [Trigger(ThresholdTypes.BalanceExpired, 10, "TEST_ACTIONS")];

        _fx.Engine.ExecuteTriggers(account, null);

        var money = Assert.Single(account.BalancesOf(Meta.Monetary));
        Assert.Equal(10m, money.Value);
        Assert.False(money.IsExpiredAt(ActionFixture.DefaultNow));
        Assert.Equal(Seconds(20), account.BalancesOf(Meta.Voice)[0].Value);
        Assert.True(account.ActionTriggers[0].Executed);
    }

    [Fact]
    public void Trigger_NotYetActive_DoesNotFire()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(10, weight: 20, destinations: "NAT")));
        account.ActionTriggers = [Trigger(ThresholdTypes.BalanceExpired, 10, "TEST_ACTIONS")];
        account.ActionTriggers[0].ActivationDate = Instant.FromUtc(2116, 2, 5, 18, 0);
        account.BalancesOf(Meta.Monetary)[0].ExpirationDate = Instant.FromUtc(2015, 1, 1, 0, 0);

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Equal(10m, account.BalancesOf(Meta.Voice)[0].Value);
        Assert.False(account.ActionTriggers[0].Executed);
    }

    [Fact]
    public void Trigger_Expired_DoesNotFireAndIsRemoved()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(10, weight: 20, destinations: "NAT")));
        account.ActionTriggers = [Trigger(ThresholdTypes.BalanceExpired, 10, "TEST_ACTIONS")];
        account.ActionTriggers[0].ExpirationDate = Instant.FromUtc(2016, 2, 4, 18, 0);

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Equal((100m, 10m), (account.BalancesOf(Meta.Monetary)[0].Value, account.BalancesOf(Meta.Voice)[0].Value));
        Assert.Empty(account.ActionTriggers);
    }

    [Fact]
    public void ExecuteTriggers_ExpiredBalancesAndTriggers_RemovedWithCGRateSLoopSkip()
    {
        var past = Instant.FromUtc(2013, 7, 18, 14, 33);
        var future = ActionFixture.DefaultNow + Duration.FromSeconds(10);
        var account = Account((Meta.Monetary, Bal(0, expires: future)), (Meta.Monetary, Bal(0, expires: past)), (Meta.Monetary, Bal(0, expires: future)),
            (Meta.Voice, Bal(0, expires: past)), (Meta.Voice, Bal(0, expires: future)), (Meta.Sms, Bal(1, expires: past)), (Meta.Sms, Bal(2, expires: past)));
        account.ActionTriggers = [new ActionTrigger { ExpirationDate = past }, new ActionTrigger { ActivationDate = past }];

        _fx.Engine.ExecuteTriggers(account, null);

        Assert.Equal(2, account.BalancesOf(Meta.Monetary).Count);
        Assert.Single(account.BalancesOf(Meta.Voice));
        // Two adjacent expired balances: removing the first steps over the second.
        Assert.Equal(2m, Assert.Single(account.BalancesOf(Meta.Sms)).Value);
        Assert.Single(account.ActionTriggers);
    }

    [Fact]
    public void ExecuteTriggers_RemoveExpiredOff_KeepsExpiredBalances()
    {
        var fx = new ActionFixture(removeExpired: false);
        var account = Account((Meta.Monetary, Bal(1, expires: Instant.FromUtc(2013, 7, 18, 14, 33))));

        fx.Engine.ExecuteTriggers(account, null);

        Assert.Single(account.BalancesOf(Meta.Monetary));
    }

    [Fact]
    public void OneShotTrigger_FiresOnceUntilResetTriggers()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));
        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        Assert.Single(_fx.Effects.AccountLogs);

        _fx.Run(account, Act(ActionTypes.ResetTriggers));

        // Re-armed, and the balance is still dirty from the topups: it fires again at once.
        Assert.Equal(2, _fx.Effects.AccountLogs.Count);
    }

    [Fact]
    public void RecurrentTrigger_FiresOnEveryCrossing()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers[0].Recurrent = true;

        for (var i = 0; i < 3; i++)
        {
            _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));
        }

        Assert.Equal(3, _fx.Effects.AccountLogs.Count);
        Assert.False(account.ActionTriggers[0].Executed);
    }

    [Fact]
    public void RecurrentTrigger_WithinMinSleep_Waits()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers[0].Recurrent = true;
        account.ActionTriggers[0].MinSleep = Usage.FromMinutes(1);
        var topUp = Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M"));

        _fx.Run(account, topUp);
        _fx.Clock.Now += Duration.FromSeconds(30);
        _fx.Run(account, topUp);

        Assert.Single(_fx.Effects.AccountLogs);

        _fx.Clock.Now += Duration.FromSeconds(30);
        _fx.Run(account, topUp);

        Assert.Equal(2, _fx.Effects.AccountLogs.Count);
    }

    [Fact]
    public void Trigger_DisabledAccount_RefusesAndLogs()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.Disabled = true;

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        Assert.Empty(_fx.Effects.AccountLogs);
        Assert.False(account.ActionTriggers[0].Executed);
        Assert.Contains((ActionLogLevel.Error, "User cgrates.org:1001 is disabled and there are triggers in action!"), _fx.Effects.Messages);
    }

    [Fact]
    public void Trigger_UnknownActions_LogsNotFoundAndStaysArmed()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers[0].ActionsId = "MISSING";

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        Assert.False(account.ActionTriggers[0].Executed);
        Assert.Contains((ActionLogLevel.Error, "Failed to get actions: NOT_FOUND"), _fx.Effects.Messages);
    }

    [Fact]
    public void Trigger_FailingAction_StaysExecuted()
    {
        _fx.Actions.Add("FAILS", Act(ActionTypes.RemoveBalance, Filter(Meta.Sms, id: "none")));
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers[0].ActionsId = "FAILS";

        var result = _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        Assert.True(result.Succeeded);
        Assert.True(account.ActionTriggers[0].Executed);
    }

    [Fact]
    public void Triggers_DifferentWeights_HeavierFiresFirst()
    {
        _fx.Actions.Add("DISABLE", Act(ActionTypes.DisableAccount));
        var account = Account((Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers = [Trigger(ThresholdTypes.MaxBalance, 10, "LOG"), Trigger(ThresholdTypes.MaxBalance, 10, "DISABLE")];
        account.ActionTriggers[1].Weight = 20;

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        // The disabling trigger runs first, so the logging one is refused.
        Assert.Empty(_fx.Effects.AccountLogs);
        Assert.Equal("DISABLE", account.ActionTriggers[0].ActionsId);
    }

    [Fact]
    public void Trigger_ActionsChangingTheSameBalance_DoNotReenterTheTriggers()
    {
        _fx.Actions.Add("MORE", Act(ActionTypes.TopUp, Filter(Meta.Monetary, 100, id: "M")), Act(ActionTypes.Log));
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers[0].ActionsId = "MORE";
        account.ActionTriggers[0].Recurrent = true;

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        Assert.Equal(125m, account.BalancesOf(Meta.Monetary)[0].Value);
        Assert.Single(_fx.Effects.AccountLogs);
        Assert.False(account.ExecutingTriggers);
    }

    [Fact]
    public void ExecuteTriggers_ActionFilterOfAnotherType_SkipsTheTrigger()
    {
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(30, id: "M")));
        account.BalancesOf(Meta.Monetary)[0].Dirty = true;

        _fx.Engine.ExecuteTriggers(account, Act(ActionTypes.ResetTriggers, new BalanceFilter { Type = Meta.Voice }));

        Assert.Empty(_fx.Effects.AccountLogs);
    }

    [Fact]
    public void Trigger_RemoveAccountAction_WarnsThatItIsNotApplied()
    {
        _fx.Actions.Add("REMOVE", Act(ActionTypes.RemoveAccount));
        var account = WithTrigger(ThresholdTypes.MaxBalance, 20, (Meta.Monetary, Bal(0, id: "M")));
        account.ActionTriggers[0].ActionsId = "REMOVE";

        var result = _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 25, id: "M")));

        Assert.False(result.RemoveAccount);
        Assert.Contains(_fx.Effects.Messages, m => m.Level == ActionLogLevel.Warning && m.Message.Contains(ActionTypes.RemoveAccount, StringComparison.Ordinal));
    }

    private static Account WithTrigger(string thresholdType, decimal threshold, params (string Type, Balance Balance)[] balances)
    {
        var account = Account(balances);
        account.ActionTriggers = [Trigger(thresholdType, threshold, "LOG")];
        return account;
    }

    private static ActionTrigger Trigger(string thresholdType, decimal threshold, string actions) => new()
    {
        ID = "T",
        UniqueID = "T-" + thresholdType,
        ThresholdType = thresholdType,
        ThresholdValue = threshold,
        Balance = new BalanceFilter { Type = Meta.Monetary },
        ActionsId = actions,
    };
}
