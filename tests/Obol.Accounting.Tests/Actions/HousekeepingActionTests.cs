using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>*remove_balance, *remove_expired, *set_expiry, *transfer_monetary_default, *reset_account, *remove_account.</summary>
public class HousekeepingActionTests
{
    private static readonly Instant s_tomorrow = DefaultNow + Duration.FromDays(1);
    private readonly ActionFixture _fx = new();

    [Fact]
    public void RemoveBalance_DestinationFilter_RemovesEveryMatchingBalance()
    {
        var account = Account((Meta.Monetary, Bal(10)), (Meta.Monetary, Bal(10, destinations: "NAT;RET", expires: s_tomorrow)),
            (Meta.Monetary, Bal(10, destinations: "NAT;RET")));

        var result = _fx.Run(account, Act(ActionTypes.RemoveBalance, Filter(Meta.Monetary, destinations: "NAT;RET")));

        Assert.True(result.Succeeded);
        Assert.Empty(Assert.Single(account.BalancesOf(Meta.Monetary)).DestinationIDs);
    }

    [Fact]
    public void RemoveBalance_LastBalanceTakesTheRemovedPlace()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "A")), (Meta.Monetary, Bal(2, id: "B")), (Meta.Monetary, Bal(3, id: "C")));

        _fx.Run(account, Act(ActionTypes.RemoveBalance, Filter(Meta.Monetary, id: "A")));

        Assert.Equal(["C", "B"], account.BalancesOf(Meta.Monetary).Select(b => b.ID));
    }

    [Fact]
    public void RemoveBalance_NothingMatches_FailsNotFound()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "A")));

        var result = _fx.Run(account, Act(ActionTypes.RemoveBalance, Filter(Meta.Monetary, id: "Z")));

        Assert.Equal(ErrorCodes.NotFound, result.Error);
        Assert.Single(account.BalancesOf(Meta.Monetary));
    }

    [Fact]
    public void RemoveExpired_RemovesOnlyExpiredMatchingBalances()
    {
        var account = Account((Meta.Monetary, Bal(10)), (Meta.Monetary, Bal(10, destinations: "NAT;RET", expires: s_tomorrow)),
            (Meta.Monetary, Bal(10, destinations: "NAT;RET", expires: Instant.FromUtc(2010, 11, 11, 22, 39))),
            (Meta.Monetary, Bal(10, destinations: "NAT;RET", expires: Instant.FromUtc(2012, 11, 11, 22, 39))));
        account.Disabled = true;

        var result = _fx.Run(account, Act(ActionTypes.RemoveExpired, Filter(Meta.Monetary)));

        Assert.True(result.Succeeded);
        Assert.Equal(2, account.BalancesOf(Meta.Monetary).Count);
        Assert.DoesNotContain(account.BalancesOf(Meta.Monetary), b => b.IsExpiredAt(DefaultNow));
    }

    [Fact]
    public void RemoveExpired_NoneExpired_FailsNotFound()
    {
        var result = _fx.Run(Account((Meta.Monetary, Bal(10))), Act(ActionTypes.RemoveExpired, Filter(Meta.Monetary)));

        Assert.Equal(ErrorCodes.NotFound, result.Error);
    }

    [Fact]
    public void SetExpiry_ById_SetsTheExpirationOfThatBalance()
    {
        var account = Account((Meta.Monetary, Bal(-10, id: "Bal1")), (Meta.Monetary, Bal(5, id: "Bal2")));

        _fx.Run(account, Act(ActionTypes.SetExpiry, Filter(Meta.Monetary, id: "Bal1"), expiry: "+24h"));

        Assert.Equal([s_tomorrow, null], account.BalancesOf(Meta.Monetary).Select(b => b.ExpirationDate));
    }

    [Fact]
    public void SetExpiry_NoExpiryTime_MakesTheBalanceNeverExpire()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "B", expires: s_tomorrow)));

        _fx.Run(account, Act(ActionTypes.SetExpiry, Filter(Meta.Monetary, id: "B")));

        Assert.Null(account.BalancesOf(Meta.Monetary)[0].ExpirationDate);
    }

    [Fact]
    public void TransferMonetaryDefault_PositiveBalances_MoveIntoDefault()
    {
        var account = Account((Meta.Monetary, Bal(10, id: Meta.Default, uuid: "d")), (Meta.Monetary, Bal(3, uuid: "a")),
            (Meta.Monetary, Bal(6, uuid: "b")), (Meta.Monetary, Bal(-2, uuid: "c")));

        _fx.Run(account, Act(ActionTypes.TransferMonetaryDefault));

        Assert.Equal([19m, 0m, 0m, -2m], account.BalancesOf(Meta.Monetary).Select(b => b.Value));
        Assert.Equal(17m, Total(account, Meta.Monetary));
    }

    [Fact]
    public void TransferMonetaryDefault_WeightFilter_MovesOnlyMatchingBalances()
    {
        var account = Account((Meta.Monetary, Bal(10, id: Meta.Default, uuid: "d", weight: 20)), (Meta.Monetary, Bal(3, uuid: "a", weight: 20)),
            (Meta.Monetary, Bal(1, uuid: "b", weight: 10)), (Meta.Monetary, Bal(6, uuid: "c", weight: 20)));

        _fx.Run(account, Act(ActionTypes.TransferMonetaryDefault, new BalanceFilter { Weight = 20 }));

        Assert.Equal([19m, 0m, 1m, 0m], account.BalancesOf(Meta.Monetary).Select(b => b.Value));
    }

    [Fact]
    public void TransferMonetaryDefault_NoDefault_CreatesIt()
    {
        var account = Account((Meta.Monetary, Bal(4, uuid: "a")));

        _fx.Run(account, Act(ActionTypes.TransferMonetaryDefault));

        Assert.Equal(4m, account.FindBalanceById(Meta.Monetary, Meta.Default)!.Value);
    }

    [Fact]
    public void TransferMonetaryDefault_NoMonetaryBalances_FailsNotFound()
    {
        var result = _fx.Run(Account((Meta.Voice, Bal(4))), Act(ActionTypes.TransferMonetaryDefault));

        Assert.Equal(ErrorCodes.NotFound, result.Error);
    }

    [Fact]
    public void ResetAccount_Balances_EachTypeKeepsOneEmptyBalanceAndTriggersAreRearmed()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(10, weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));
        account.AllowNegative = true;
        account.UnitCounters[Meta.Monetary] = [new UnitCounter { Counters = [new CounterFilter { Value = 1 }] }];
        account.ActionTriggers =
        [
            new ActionTrigger { Balance = new BalanceFilter { Type = Meta.Sms }, ThresholdValue = 2, ActionsId = "TEST_ACTIONS", Executed = true },
            new ActionTrigger { Balance = new BalanceFilter { Type = Meta.Sms }, ThresholdValue = 2, ActionsId = "TEST_ACTIONS", Executed = true },
        ];

        _fx.Run(account, Act(ActionTypes.ResetAccount));

        Assert.True(account.AllowNegative);
        Assert.Equal(0m, Assert.Single(account.BalancesOf(Meta.Monetary)).Value);
        Assert.Equal(0m, Assert.Single(account.BalancesOf(Meta.Voice)).Value);
        Assert.Empty(account.UnitCounters);
        Assert.All(account.ActionTriggers, t => Assert.False(t.Executed));
    }

    [Fact]
    public void RemoveAccount_InTheList_AsksTheCallerToDeleteInsteadOfSave()
    {
        var result = _fx.Run(Account(), Act(ActionTypes.Log, weight: 20), Act(ActionTypes.RemoveAccount, weight: 10));

        Assert.True(result.Succeeded);
        Assert.True(result.RemoveAccount);
        Assert.False(result.ShouldSave);
    }
}
