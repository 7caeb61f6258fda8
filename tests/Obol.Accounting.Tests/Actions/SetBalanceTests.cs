using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>*set_balance (APIerSv1.SetBalance, console balance_set).</summary>
public class SetBalanceTests
{
    private readonly ActionFixture _fx = new();

    [Fact]
    public void SetBalance_ExistingId_SetsValueAndWeightAbsolutely()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "m1", weight: 10)), (Meta.Monetary, Bal(6, id: "m2", weight: 20)),
            (Meta.Voice, Bal(10, id: "v1")));

        var result = _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 11, id: "m2", weight: 10)));

        Assert.True(result.Succeeded);
        Assert.Equal(2, account.BalancesOf(Meta.Monetary).Count);
        var m2 = account.BalancesOf(Meta.Monetary)[1];
        Assert.Equal((11m, 10m), (m2.Value, m2.Weight));
        Assert.True(m2.Dirty);
    }

    [Fact]
    public void SetBalance_UnknownId_CreatesTheBalanceWithANewUuid()
    {
        var account = Account((Meta.Monetary, Bal(10, id: "test")));

        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 23, id: "MonetaryBalance")));

        var created = account.FindBalanceById(Meta.Monetary, "MonetaryBalance")!;
        Assert.Equal(("uuid-1", 23m), (created.Uuid, created.Value));
        Assert.Equal(10m, account.FindBalanceById(Meta.Monetary, "test")!.Value);
    }

    [Fact]
    public void SetBalance_IdInAnotherType_CreatesInTheFilterType()
    {
        var account = Account((Meta.Voice, Bal(10, id: "B")));

        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 3, id: "B")));

        Assert.Equal(10m, account.BalancesOf(Meta.Voice)[0].Value);
        Assert.Equal(3m, Assert.Single(account.BalancesOf(Meta.Monetary)).Value);
    }

    [Fact]
    public void SetBalance_DefaultId_SetsOnlyTheValue()
    {
        var account = Account((Meta.Monetary, Bal(10, id: Meta.Default, weight: 5)));

        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 1, id: Meta.Default, weight: 99, destinations: "NAT")));

        var b = Assert.Single(account.BalancesOf(Meta.Monetary));
        Assert.Equal((1m, 5m), (b.Value, b.Weight));
        Assert.Empty(b.DestinationIDs);
    }

    [Fact]
    public void SetBalance_ManyDecimals_AssignedUnroundedAsCGRateSDoes()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "M")));

        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 1.123456789m, id: "M")));

        Assert.Equal(1.123456789m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void SetBalance_ByUuid_ChangesThatBalanceInAnyType()
    {
        var account = Account((Meta.Data, Bal(5.242m, id: "data", uuid: "fc927edb")), (Meta.Sms, Bal(20000, id: "sms", uuid: "d348d15d")));

        _fx.Run(account, Act(ActionTypes.SetBalance, new BalanceFilter { Type = Meta.Data, Uuid = "d348d15d", Disabled = true }));

        Assert.True(account.BalancesOf(Meta.Sms)[0].Disabled);
        Assert.False(account.BalancesOf(Meta.Data)[0].Disabled);
        Assert.Equal(20000m, account.BalancesOf(Meta.Sms)[0].Value);
    }

    [Fact]
    public void SetBalance_UnknownUuid_FailsAndStopsTheList()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "M", uuid: "u1")));

        var result = _fx.Run(account,
            Act(ActionTypes.SetBalance, new BalanceFilter { Type = Meta.Monetary, Uuid = "nope", Value = 5 }, weight: 20),
            Act(ActionTypes.DisableAccount, weight: 10));

        Assert.False(result.Succeeded);
        Assert.Equal("cannot find balance with uuid: <nope>", result.Error);
        Assert.Equal(ActionTypes.SetBalance, result.FailedActionType);
        Assert.False(account.Disabled);
        Assert.False(result.ShouldSave);
    }

    [Fact]
    public void SetBalance_NotFoundAndNoType_FailsMissingBalanceType()
    {
        var result = _fx.Run(Account(), Act(ActionTypes.SetBalance, new BalanceFilter { ID = "X", Value = 1 }));

        Assert.Equal("missing balance type", result.Error);
    }

    [Fact]
    public void SetBalance_NewSharedGroup_JoinsIt()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "M")));

        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 1, id: "M") with { SharedGroups = StringMap.Parse("SG") }));
        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, 2, id: "M") with { SharedGroups = StringMap.Parse("SG") }));

        Assert.Equal([("SG", "cgrates.org:1001")], _fx.Effects.Joined);
    }

    [Fact]
    public void SetBalance_TimingIdsWithoutTimings_ClearsTheBalanceTimings()
    {
        var balance = Bal(1, id: "M");
        balance.Timings = [Rating.Timing.Any];
        balance.TimingIDs = StringMap.Parse("*any");
        var account = Account((Meta.Monetary, balance));

        _fx.Run(account, Act(ActionTypes.SetBalance, Filter(Meta.Monetary, id: "M") with { TimingIDs = [] }));

        Assert.Empty(balance.Timings);
        Assert.Equal(1m, balance.Value);
    }
}
