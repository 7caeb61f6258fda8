using Xunit;

namespace Obol.Rating.Tests;

public class AccountSummaryTests
{
    private static AccountSummary Summary(params (string Uuid, decimal Value)[] balances) => new()
    {
        Tenant = "cgrates.org",
        AccountID = "1001",
        BalanceSummaries = [.. balances.Select(b => new BalanceSummary { UUID = b.Uuid, ID = b.Uuid, Type = "*monetary", Value = b.Value })],
    };

    [Fact]
    public void WithInitialValues_BalanceTheDebitRemoved_KeptWithZeroValueAndInitial()
    {
        var after = Summary(("a", 7m)).WithInitialValues(Summary(("a", 10m), ("gone", 3m)));

        Assert.Equal([("a", 10m, 7m), ("gone", 0m, 0m)], after.BalanceSummaries!.Select(b => (b.UUID, b.Initial, b.Value)));
    }

    [Fact]
    public void WithInitialValuesOf_LaterDebitOfTheSameCost_InitialStaysTheValueBeforeTheFirst()
    {
        var first = Summary(("a", 9m)).WithInitialValues(Summary(("a", 10m)));
        var second = Summary(("a", 8m)).WithInitialValues(Summary(("a", 9m)));

        var merged = second.WithInitialValuesOf(first);

        Assert.Equal([("a", 10m, 8m)], merged.BalanceSummaries!.Select(b => (b.UUID, b.Initial, b.Value)));
    }
}
