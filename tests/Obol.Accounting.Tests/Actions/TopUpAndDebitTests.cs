using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Accounting.Tests.Actions.ActionFixture;

namespace Obol.Accounting.Tests.Actions;

/// <summary>*topup, *topup_reset, *debit, *debit_reset, *topup_zero_negative (engine/actions_test.go vectors).</summary>
public class TopUpAndDebitTests
{
    private readonly ActionFixture _fx = new();

    [Fact]
    public void TopUpReset_TwoMonetaryBalancesWithoutId_BothResetToTheUnits()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Monetary, Bal(15, id: "TEST_B")));

        var result = _fx.Run(account, Act(ActionTypes.TopUpReset, Filter(Meta.Monetary, 10)));

        Assert.True(result.Succeeded);
        Assert.Equal(20m, Total(account, Meta.Monetary));
        Assert.Equal(2, account.BalancesOf(Meta.Monetary).Count);
    }

    [Fact]
    public void TopUpReset_WithBalanceId_ResetsOnlyThatBalance()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Monetary, Bal(15, id: "TEST_B")));

        _fx.Run(account, Act(ActionTypes.TopUpReset, Filter(Meta.Monetary, 10, id: "TEST_B")));

        Assert.Equal(110m, Total(account, Meta.Monetary));
        Assert.Equal(10m, account.FindBalanceById(Meta.Monetary, "TEST_B")!.Value);
    }

    [Fact]
    public void TopUpReset_AccountWithExecutedTriggers_TriggersStayExecutedAndNoCountersAppear()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(10, weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));
        account.ActionTriggers = [ExecutedTrigger(), ExecutedTrigger()];

        _fx.Run(account, Act(ActionTypes.TopUpReset, Filter(Meta.Monetary, 10)));

        Assert.Equal(10m, Total(account, Meta.Monetary));
        Assert.Empty(account.UnitCounters);
        Assert.Equal(2, account.BalancesOf(Meta.Voice).Count);
        Assert.All(account.ActionTriggers, t => Assert.True(t.Executed));
        Assert.False(account.AllowNegative);
    }

    [Fact]
    public void TopUp_Credit_AddsToTheMonetaryBalance()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(10, weight: 20, destinations: "NAT")));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10)));

        Assert.Equal(110m, Total(account, Meta.Monetary));
        Assert.Single(account.BalancesOf(Meta.Voice));
    }

    [Fact]
    public void TopUp_MinutesForDestinationAndWeight_AddsOnlyToTheMatchingBalance()
    {
        var account = Account((Meta.Monetary, Bal(100)), (Meta.Voice, Bal(10, weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Voice, 5, weight: 20, destinations: "NAT")));

        Assert.Equal(15m, account.BalancesOf(Meta.Voice)[0].Value);
        Assert.Equal(0m, account.BalancesOf(Meta.Voice)[1].Value);
        Assert.Equal(100m, Total(account, Meta.Monetary));
    }

    [Fact]
    public void TopUpReset_Minutes_ResetsTheMatchingBalance()
    {
        var account = Account((Meta.Voice, Bal(10, weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));

        _fx.Run(account, Act(ActionTypes.TopUpReset, Filter(Meta.Voice, 5, weight: 20, destinations: "NAT")));

        Assert.Equal(5m, Total(account, Meta.Voice));
        Assert.Equal(2, account.BalancesOf(Meta.Voice).Count);
    }

    [Fact]
    public void Debit_Credit_SubtractsFromTheBalance()
    {
        var account = Account((Meta.Monetary, Bal(100)));

        _fx.Run(account, Act(ActionTypes.Debit, Filter(Meta.Monetary, 10)));

        Assert.Equal(90m, Total(account, Meta.Monetary));
    }

    [Fact]
    public void Debit_Minutes_SubtractsFromTheMatchingBalance()
    {
        var account = Account((Meta.Voice, Bal(10, weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));

        _fx.Run(account, Act(ActionTypes.Debit, Filter(Meta.Voice, 5, weight: 20, destinations: "NAT")));

        Assert.Equal(5m, account.BalancesOf(Meta.Voice)[0].Value);
    }

    [Fact]
    public void Debit_MoreThanTheBalanceHolds_GoesNegative()
    {
        var account = Account((Meta.Monetary, Bal(5, id: "M")));

        _fx.Run(account, Act(ActionTypes.Debit, Filter(Meta.Monetary, 12.5m, id: "M")));

        Assert.Equal(-7.5m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void DebitReset_Balance_ZeroesThenSubtracts()
    {
        var account = Account((Meta.Monetary, Bal(100, id: "M")));

        _fx.Run(account, Act(ActionTypes.DebitReset, Filter(Meta.Monetary, 10, id: "M")));

        Assert.Equal(-10m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void Debit_NoMatchingBalance_CreatesANegativeBalance()
    {
        var account = Account();

        _fx.Run(account, Act(ActionTypes.Debit, Filter(Meta.Monetary, 3, id: "NEW")));

        Assert.Equal(-3m, Assert.Single(account.BalancesOf(Meta.Monetary)).Value);
    }

    [Fact]
    public void TopUp_NoMatchingBalance_CreatesOneFromTheFilterWithANewUuid()
    {
        var account = Account((Meta.Voice, Bal(0, weight: 20, destinations: "NAT")), (Meta.Voice, Bal(0, weight: 10, destinations: "RET")));
        var filter = Filter(Meta.Voice, 7, weight: 20, destinations: "NEW") with { RatingSubject = "*zero1m", Blocker = true };

        _fx.Run(account, Act(ActionTypes.TopUp, filter));

        var created = account.BalancesOf(Meta.Voice)[2];
        Assert.Equal("uuid-1", created.Uuid);
        Assert.Equal(7m, created.Value);
        Assert.Equal(20m, created.Weight);
        Assert.True(created.DestinationIDs.SameAs(StringMap.Parse("NEW")));
        Assert.Equal("*zero1m", created.RatingSubject);
        Assert.True(created.Blocker);
        Assert.Same(account, created.Owner);
    }

    [Fact]
    public void TopUp_SameFilterTwice_SecondTopUpAddsToTheFirstBalance()
    {
        var account = Account();
        var action = Act(ActionTypes.TopUp, Filter(Meta.Voice, 10, destinations: "NAT"));

        _fx.Run(account, action);
        _fx.Run(account, action);
        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Voice, 10, destinations: "OTHER")));

        Assert.Equal(2, account.BalancesOf(Meta.Voice).Count);
        Assert.Equal(20m, account.BalancesOf(Meta.Voice)[0].Value);
    }

    [Fact]
    public void TopUp_NegativeUnits_AddsTheirMagnitude()
    {
        var account = Account((Meta.Monetary, Bal(10, id: "M")));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, -4, id: "M")));

        Assert.Equal(14m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void TopUp_DefaultIdNotPresent_CreatesABareDefaultBalanceWithTheValueOnly()
    {
        var account = Account();

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10, id: Meta.Default, weight: 30, destinations: "NAT")));

        var created = Assert.Single(account.BalancesOf(Meta.Monetary));
        Assert.Equal(Meta.Default, created.ID);
        Assert.Equal(10m, created.Value);
        Assert.Equal(0m, created.Weight);
        Assert.Empty(created.DestinationIDs);
    }

    [Fact]
    public void TopUpReset_ExtraParametersFactors_SetOnTheCreatedBalance()
    {
        var account = Account();

        _fx.Run(account, Act(ActionTypes.TopUpReset, Filter(Meta.Monetary, 10), extra: """{"*monetary":2}"""));

        Assert.Equal(2m, Assert.Single(account.BalancesOf(Meta.Monetary)).Factors[Meta.Monetary]);
    }

    [Fact]
    public void TopUp_ExtraParametersNotFactors_WarnsAndCreatesTheBalanceWithoutFactors()
    {
        var account = Account();

        var result = _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10), extra: """{"*monetary":"two"}"""));

        Assert.True(result.Succeeded);
        Assert.Empty(Assert.Single(account.BalancesOf(Meta.Monetary)).Factors);
        Assert.Contains(_fx.Effects.Messages, m => m.Level == ActionLogLevel.Warning && m.Message.Contains("value factors", StringComparison.Ordinal));
    }

    [Fact]
    public void TopUp_MonthlyExpiry_ResolvedWhenTheActionRuns()
    {
        _fx.Clock.Now = Instant.FromUtc(2024, 1, 31, 10, 0);
        var account = Account();

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 1), expiry: "*monthly"));

        // Go's AddDate: January 31 plus one month overflows into March.
        Assert.Equal(Instant.FromUtc(2024, 3, 2, 10, 0), Assert.Single(account.BalancesOf(Meta.Monetary)).ExpirationDate);
    }

    [Fact]
    public void TopUp_WithExpiryThenWithout_KeepsTwoBalances()
    {
        var account = Account();

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Voice, 15)));
        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Voice, 30), expiry: "+24h"));

        Assert.Equal(2, account.BalancesOf(Meta.Voice).Count);
        Assert.Equal(ActionFixture.DefaultNow + Duration.FromHours(24), account.BalancesOf(Meta.Voice)[1].ExpirationDate);
    }

    [Fact]
    public void TopUp_UnlimitedExpiry_MatchesOnlyBalancesThatNeverExpire()
    {
        var account = Account((Meta.Monetary, Bal(1, expires: ActionFixture.DefaultNow + Duration.FromDays(1))), (Meta.Monetary, Bal(2)));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10), expiry: Meta.Unlimited));

        Assert.Equal([1m, 12m], account.BalancesOf(Meta.Monetary).Select(b => b.Value));
    }

    [Fact]
    public void TopUp_ExpiredMatchingBalance_LeftAloneAndANewOneCreated()
    {
        var account = Account((Meta.Monetary, Bal(5, id: "M", expires: ActionFixture.DefaultNow - Duration.FromDays(1))));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 10, id: "M")));

        // The expired one is also cleaned away by the trigger pass that follows the topup.
        Assert.Equal(10m, Assert.Single(account.BalancesOf(Meta.Monetary)).Value);
    }

    [Fact]
    public void TopUp_ManyDecimals_RoundedToTheGlobalDecimals()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "M")));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 0.123456789m, id: "M")));

        Assert.Equal(1.12346m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void TopUp_IncrementalFormula_ValueIsUnitsPerDayOfThisMonth()
    {
        var account = Account((Meta.Monetary, Bal(0, id: "M")));
        var action = Act(ActionTypes.TopUp, Filter(Meta.Monetary, id: "M")) with
        {
            ValueFormula = new BalanceValueFormula(BalanceValueFormula.Incremental, 0, 62, "month", "day"),
        };

        _fx.Run(account, action);

        Assert.Equal(2m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void TopUp_DirtyMarksTheChangedBalanceOnly()
    {
        var account = Account((Meta.Monetary, Bal(1, id: "A")), (Meta.Monetary, Bal(1, id: "B")));

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 1, id: "B")));

        Assert.Equal([false, true], account.BalancesOf(Meta.Monetary).Select(b => b.Dirty));
    }

    [Fact]
    public void TopUpZeroNegative_NegativeBalance_ZeroedAndOthersKeepTheirValue()
    {
        var account = Account((Meta.Monetary, Bal(-10, id: "Bal1")), (Meta.Monetary, Bal(5, id: "Bal2")));

        _fx.Run(account, Act(ActionTypes.TopUpZeroNegative, Filter(Meta.Monetary)));

        Assert.Equal([0m, 5m], account.BalancesOf(Meta.Monetary).Select(b => b.Value));
    }

    [Fact]
    public void TopUpZeroNegative_NoBalanceOfTheType_CreatesAnEmptyOne()
    {
        var account = Account((Meta.Monetary, Bal(-10, id: "Bal1")));

        _fx.Run(account, Act(ActionTypes.TopUpZeroNegative, Filter(Meta.Voice)));

        Assert.Equal(0m, Assert.Single(account.BalancesOf(Meta.Voice)).Value);
        Assert.Equal(-10m, account.BalancesOf(Meta.Monetary)[0].Value);
    }

    [Fact]
    public void TopUp_SharedGroupOnCreatedBalance_JoinsTheGroup()
    {
        var account = Account();

        _fx.Run(account, Act(ActionTypes.TopUp, Filter(Meta.Monetary, 5) with { SharedGroups = StringMap.Parse("SG1") }));

        Assert.Equal([("SG1", "cgrates.org:1001")], _fx.Effects.Joined);
    }

    private static ActionTrigger ExecutedTrigger() => new()
    {
        Balance = new BalanceFilter { Type = Meta.Monetary },
        ThresholdValue = 2,
        ActionsId = "TEST_ACTIONS",
        Executed = true,
    };
}
