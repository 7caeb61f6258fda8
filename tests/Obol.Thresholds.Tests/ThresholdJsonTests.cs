using NodaTime;
using Xunit;

namespace Obol.Thresholds.Tests;

public sealed class ThresholdJsonTests
{
    [Fact]
    public void ToJson_FiredThreshold_RoundTrips()
    {
        var threshold = new Threshold("cgrates.org", "THD_ACNT_1002")
        {
            Hits = 3,
            Snooze = Instant.FromUtc(2026, 1, 1, 12, 0, 1).Plus(Duration.FromNanoseconds(123_400)),
        };

        var json = threshold.ToJson();
        Assert.True(Threshold.TryFromJson(json, out var restored, out var error), error);

        Assert.Equal("""{"Tenant":"cgrates.org","ID":"THD_ACNT_1002","Hits":3,"Snooze":"2026-01-01T12:00:01.0001234Z"}""", json);
        Assert.Equal(("cgrates.org", "THD_ACNT_1002", 3, threshold.Snooze), (restored.Tenant, restored.Id, restored.Hits, restored.Snooze));
    }

    [Fact]
    public void ToJson_FreshThreshold_WritesGoZeroTime()
    {
        var json = new Threshold("cgrates.org", "T").ToJson();

        Assert.Contains("\"Snooze\":\"0001-01-01T00:00:00Z\"", json, StringComparison.Ordinal);
        Assert.True(Threshold.TryFromJson(json, out var restored, out _));
        Assert.Equal(Threshold.NeverSnoozed, restored.Snooze);
    }

    [Fact]
    public void TryFromJson_GoOffsetTime_ReadsInstant()
    {
        const string json = """{"Tenant":"cgrates.org","ID":"T","Hits":1,"Snooze":"2026-01-01T14:00:00.5+02:00"}""";

        Assert.True(Threshold.TryFromJson(json, out var restored, out var error), error);

        Assert.Equal(Instant.FromUtc(2026, 1, 1, 12, 0).Plus(Duration.FromMilliseconds(500)), restored.Snooze);
    }

    [Theory]
    [InlineData("""{"Tenant":"t","ID":"T","Snooze":"yesterday"}""")]
    [InlineData("[]")]
    [InlineData("{")]
    public void TryFromJson_Invalid_False(string json)
    {
        Assert.False(Threshold.TryFromJson(json, out _, out var error));
        Assert.NotNull(error);
    }
}
