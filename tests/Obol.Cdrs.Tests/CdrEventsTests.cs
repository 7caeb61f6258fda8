using NodaTime;
using Xunit;

namespace Obol.Cdrs.Tests;

public class CdrEventsTests
{
    private const string CostDetails = """{"CGRID":"c1","Cost":1.5,"Charges":[{"RatingID":"r1","CompressFactor":2}],"Rates":{"r1":[]}}""";

    private static Cdr Rated() => new()
    {
        Cgrid = "c1", RunId = "*default", Tenant = "cgrates.org", Account = "1001", Subject = "1001", Destination = "1002",
        AnswerTime = Instant.FromUtc(2026, 1, 5, 10, 0), Cost = 1.5m, CostDetails = CostDetails,
    };

    [Fact]
    public void ToEventFields_DecodeWhenRead_ReadsAndWritesAsTheDecodedCostDetails()
    {
        var decoded = Rated().ToEventFields();
        var lazy = Rated().ToEventFields(decodeWhenRead: true);

        var costDetails = Assert.IsType<LazyJsonDictionary>(lazy[CdrFields.CostDetails]);
        var map = Assert.IsType<Dictionary<string, object?>>(decoded[CdrFields.CostDetails]);
        Assert.True(((IReadOnlyDictionary<string, object?>)costDetails).TryGetValue("Cost", out var cost));
        Assert.Equal(map["Cost"], cost);
        Assert.Equal(map.Keys, costDetails.Keys);
        Assert.Equal(
            JsonValues.Write(w => JsonValues.WriteValue(w, decoded)),
            JsonValues.Write(w => JsonValues.WriteValue(w, lazy)));
    }

    [Fact]
    public void ToEventFields_NoCostDetails_NoField()
    {
        var cdr = Rated();
        cdr.CostDetails = null;

        Assert.False(cdr.ToEventFields(decodeWhenRead: true).ContainsKey(CdrFields.CostDetails));
    }
}
