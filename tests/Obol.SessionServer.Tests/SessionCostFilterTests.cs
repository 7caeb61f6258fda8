using NodaTime;
using Obol.Primitives;
using Xunit;

namespace Obol.SessionServer.Tests;

/// <summary>utils.AppendToSMCostFilter and the removal's selection (engine/storage_sql.go RemoveSMCosts).</summary>
public sealed class SessionCostFilterTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 12, 0);

    [Theory]
    [InlineData("*prefix", "~*sc.CGRID", "FilterType: \"*prefix\" not supported for FieldName: \"~*sc.CGRID\"")]
    [InlineData("*string", "~*req.Account", "FieldName: \"~*req.Account\" not supported")]
    [InlineData("*string", "~*sc.Usage", "FilterType: \"*string\" not supported for FieldName: \"~*sc.Usage\"")]
    [InlineData("*gte", "~*sc.Usage", "Error when converting field: \"*gte\"  value: \"~*sc.Usage\" in time.Duration ")]
    public void TryAppend_RuleASessionCostCannotTake_CGRateSError(string type, string element, string expected)
    {
        var filter = new SessionCostFilter();

        Assert.Equal(expected, filter.TryAppend(type, element, ["not-a-duration"], DateTimeZone.Utc, Now));
    }

    [Fact]
    public void Matches_EveryConditionGiven_OnlyCostsMeetingAllOfThem()
    {
        var filter = new SessionCostFilter();
        Assert.Null(filter.TryAppend("*string", "~*sc.RunID", ["*default"], DateTimeZone.Utc, Now));
        Assert.Null(filter.TryAppend("*notstring", "~*sc.OriginHost", ["10.0.0.2"], DateTimeZone.Utc, Now));
        Assert.Null(filter.TryAppend("*gte", "~*sc.Usage", ["60s"], DateTimeZone.Utc, Now));
        Assert.Null(filter.TryAppend("*lt", "~*sc.CreatedAt", ["2026-11-27T00:00:00Z"], DateTimeZone.Utc, Now));
        var old = Instant.FromUtc(2026, 11, 20, 0, 0);
        SessionCostRecord Cost(string runId = "*default", string host = "10.0.0.1", long seconds = 90, Instant? created = null) =>
            new("cg", runId, host, "call", "*sessions", Usage.FromSeconds(seconds), created ?? old);

        Assert.True(filter.Matches(Cost()));
        Assert.False(filter.Matches(Cost(runId: "*raw")));
        Assert.False(filter.Matches(Cost(host: "10.0.0.2")));
        Assert.False(filter.Matches(Cost(seconds: 30)));
        Assert.False(filter.Matches(Cost(created: Now)));
        Assert.False(filter.Matches(Cost() with { CreatedAt = null }));
    }

    [Fact]
    public void StoredSessionCost_OriginFieldsInFront_ReadForTheFilterAndLeftOutOfTheEventCost()
    {
        const string eventCost = """{"CGRID":"cg","RunID":"*default","Usage":90000000000,"Cost":0.65850,"Charges":null}""";
        var created = Instant.FromUtc(2026, 11, 27, 10, 30);

        var stored = StoredSessionCost.WithOrigin(eventCost, "10.0.0.1", "call-ä", created);

        Assert.True(StoredSessionCost.TryRead("cg/*default", stored, out var record));
        Assert.Equal(new SessionCostRecord("cg", "*default", "10.0.0.1", "call-ä", "*sessions", Usage.FromSeconds(90), created), record);
        using var parsed = System.Text.Json.JsonDocument.Parse(stored);
        Assert.Equal(eventCost, StoredSessionCost.EventCostOf(stored, parsed.RootElement));
    }
}
