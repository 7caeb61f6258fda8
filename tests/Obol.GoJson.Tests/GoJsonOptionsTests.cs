using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Obol.Primitives;

namespace Obol.GoJson.Tests;

public sealed record RatedEvent(
    string Tenant,
    decimal Cost,
    decimal? MaxCost,
    Usage Usage,
    Instant AnswerTime,
    OffsetDateTime SetupTime,
    Dictionary<string, object?>? Event,
    List<string>? Tags);

public sealed class GoJsonOptionsTests
{
    private const string GoText =
        "{\"Tenant\":\"cgrates.org\",\"Cost\":0.7002,\"MaxCost\":null,\"Usage\":85000000000," +
        "\"AnswerTime\":\"2014-08-04T13:00:00.123456789Z\",\"SetupTime\":\"2014-08-04T15:00:00+02:00\"," +
        "\"Event\":{\"Account\":\"1001\",\"Cost\":0.1,\"Destination\":\"\\u003c1002\\u003e\",\"Usage\":1e-7}," +
        "\"Tags\":null}";

    private static RatedEvent Sample() => new(
        "cgrates.org",
        0.70020m,
        null,
        Usage.Parse("1m25s"),
        Instant.FromUtc(2014, 8, 4, 13, 0).PlusNanoseconds(123_456_789),
        new LocalDateTime(2014, 8, 4, 15, 0).WithOffset(Offset.FromHours(2)),
        new Dictionary<string, object?> { ["Usage"] = 0.0000001m, ["Destination"] = "<1002>", ["Cost"] = 0.10m, ["Account"] = "1001" },
        null);

    [Fact]
    public void Serialize_Record_MatchesGoBytes() =>
        Assert.Equal(GoText, JsonSerializer.Serialize(Sample(), GoJsonOptions.Default));

    [Fact]
    public void RoundTrip_Record_KeepsEveryField()
    {
        var read = JsonSerializer.Deserialize<RatedEvent>(GoText, GoJsonOptions.Default);

        Assert.NotNull(read);
        var expected = Sample();
        Assert.Equal(expected.Tenant, read.Tenant);
        Assert.Equal(expected.Cost, read.Cost);
        Assert.Null(read.MaxCost);
        Assert.Equal(expected.Usage, read.Usage);
        Assert.Equal(expected.AnswerTime, read.AnswerTime);
        Assert.Equal(expected.SetupTime, read.SetupTime);
        Assert.Null(read.Tags);
        Assert.NotNull(read.Event);
        Assert.Equal(["Account", "Cost", "Destination", "Usage"], read.Event.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(GoText, JsonSerializer.Serialize(read, GoJsonOptions.Default));
    }

    [Fact]
    public void Deserialize_LooseClientInput_AcceptedLikeCgrates()
    {
        const string Loose =
            "{\"tenant\":\"cgrates.org\",\"COST\":\"0.7002\",\"maxcost\":\"1.5\",\"usage\":\"1m25s\"," +
            "\"answerTime\":\"2014-08-04T15:00:00.123456789+02:00\",\"setupTime\":null,\"event\":{},\"tags\":[\"a\"]," +
            "\"Unknown\":true}";

        var read = JsonSerializer.Deserialize<RatedEvent>(Loose, GoJsonOptions.Default);

        Assert.NotNull(read);
        Assert.Equal(0.7002m, read.Cost);
        Assert.Equal(1.5m, read.MaxCost);
        Assert.Equal(new Usage(85_000_000_000), read.Usage);
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 13, 0).PlusNanoseconds(123_456_789), read.AnswerTime);
        Assert.Equal(GoJsonTimes.ZeroOffsetDateTime, read.SetupTime);
        Assert.Empty(read.Event!);
        Assert.Equal(["a"], read.Tags!);
    }

    [Fact]
    public void Deserialize_IntFromString_AllowedByNumberHandling() =>
        Assert.Equal(42, JsonSerializer.Deserialize<int>("\"42\"", GoJsonOptions.Default));

    [Fact]
    public void Create_ReturnsFreshMutableOptions()
    {
        var first = GoJsonOptions.Create();
        var second = GoJsonOptions.Create();

        Assert.NotSame(first, second);
        Assert.False(first.IsReadOnly);
        Assert.True(GoJsonOptions.Default.IsReadOnly);
        Assert.Null(first.PropertyNamingPolicy);
        Assert.True(first.PropertyNameCaseInsensitive);
        Assert.Equal(JsonNumberHandling.AllowReadingFromString, first.NumberHandling);
        Assert.Same(GoJsonEncoder.Instance, first.Encoder);
    }
}
