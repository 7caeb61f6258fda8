using Xunit;

namespace Obol.CdrServer.Tests;

public sealed class StoredEventCostTests
{
    [Theory]
    [InlineData("""{"Charges":"x"}""", "Charges: expected an array, got a string")]
    [InlineData("""{"Charges":[{"Increments":[{"Cost":"0.1"}]}]}""", "Cost: expected a number, got a string")]
    [InlineData("""{"Charges":[7]}""", "expected an object with CompressFactor, got a number")]
    [InlineData("""{"Accounting":[]}""", "Accounting: expected an object, got an array")]
    public void TryParse_FieldOfAnotherJsonType_RefusedNamingTheField(string json, string expected)
    {
        Assert.False(StoredEventCost.TryParse(json, 4, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_NullsWhereGoHasNilSlicesAndMaps_ReadAsEmpty()
    {
        Assert.True(StoredEventCost.TryParse("""{"Charges":null,"Accounting":null,"Cost":0.5,"Usage":0}""", 4, out var cost, out var error), error);
        Assert.Equal((0.5m, 0), (cost.Cost, cost.Increments.Count));
    }

    [Fact]
    public void TryParse_WellFormedCost_IncrementsRepeatedPerCompressFactorWithTheirBalance()
    {
        const string json = """
            {"Usage":120000000000,"Cost":1.2,"Charges":[{"RatingID":"r","CompressFactor":2,
              "Increments":[{"Usage":60000000000,"Cost":0.6,"AccountingID":"a","CompressFactor":1}]}],
             "Accounting":{"a":{"AccountID":"cgrates.org:1001","BalanceUUID":"b1","RatingID":"r","Units":0.6,"ExtraChargeID":""}}}
            """;

        Assert.True(StoredEventCost.TryParse(json, 4, out var cost, out var error), error);

        Assert.Equal(2, cost.Increments.Count);
        Assert.All(cost.Increments, i => Assert.Equal(("cgrates.org:1001", "b1"), (i.BalanceInfo!.AccountId, i.BalanceInfo.Monetary!.Uuid)));
        Assert.True(cost.Accounted);
    }
}
