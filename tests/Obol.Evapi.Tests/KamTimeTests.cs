using Xunit;

namespace Obol.Evapi.Tests;

public sealed class KamTimeTests
{
    private static readonly TimeZoneInfo s_plusTwo =
        TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");

    [Theory]
    [InlineData("1795632531", 1795632531_000_000_0L)]
    [InlineData(" 1795632531 ", 1795632531_000_000_0L)]
    [InlineData("1795632531250", 1795632531_250_000_0L)]
    [InlineData("1795632531250001", 1795632531_250_001_0L)]
    [InlineData("1795632531250001234", 1795632531_250_001_2L)]
    public void Parse_UnixTimestamp_ReturnsInstant(string value, long ticksSinceEpoch)
    {
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(ticksSinceEpoch), KamTime.Parse(value, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("*unlimited")]
    public void Parse_Missing_ReturnsGoZeroTime(string? value)
    {
        Assert.Equal(DateTimeOffset.MinValue, KamTime.Parse(value, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Parse_Rfc3339_KeepsItsOffset()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 48, 51, TimeSpan.FromHours(1)),
            KamTime.Parse("2026-11-25T18:48:51+01:00", s_plusTwo));
    }

    [Theory]
    [InlineData("2026-11-25 18:48:51")]
    [InlineData("2026-11-25T18:48:51")]
    [InlineData("20261125184851")]
    public void Parse_ZonelessLayout_ReadsInConfiguredZone(string value)
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 48, 51, TimeSpan.FromHours(2)), KamTime.Parse(value, s_plusTwo));
    }

    [Theory]
    [InlineData("<null>")]
    [InlineData("12345")]
    [InlineData("9999999999999999999")]
    [InlineData("yesterday")]
    public void Parse_UnsupportedText_ThrowsFormatException(string value)
    {
        Assert.Throws<FormatException>(() => KamTime.Parse(value, TimeZoneInfo.Utc));
    }
}
