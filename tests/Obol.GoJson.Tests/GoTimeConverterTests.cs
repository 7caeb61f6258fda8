using System.Text.Json;
using NodaTime;

namespace Obol.GoJson.Tests;

public sealed class GoTimeConverterTests
{
    private static readonly JsonSerializerOptions s_options = GoJsonOptions.Create();

    private static Instant Utc(int year, int month, int day, int hour, int minute, int second, long nanoseconds = 0) =>
        Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds);

    public static TheoryData<Instant, string> InstantTexts => new()
    {
        { Utc(2014, 8, 4, 13, 0, 0), "\"2014-08-04T13:00:00Z\"" },
        { Utc(2014, 8, 4, 13, 0, 0, 500_000_000), "\"2014-08-04T13:00:00.5Z\"" },
        { Utc(2014, 8, 4, 13, 0, 0, 123_456_789), "\"2014-08-04T13:00:00.123456789Z\"" },
        { Utc(2014, 8, 4, 13, 0, 0, 120_000), "\"2014-08-04T13:00:00.00012Z\"" },
        { Utc(2014, 8, 4, 13, 0, 0, 1), "\"2014-08-04T13:00:00.000000001Z\"" },
        { GoJsonTimes.ZeroInstant, "\"0001-01-01T00:00:00Z\"" },
        { Utc(9999, 12, 31, 23, 59, 59, 999_999_999), "\"9999-12-31T23:59:59.999999999Z\"" },
        { Instant.FromUnixTimeSeconds(0), "\"1970-01-01T00:00:00Z\"" },
    };

    [Theory]
    [MemberData(nameof(InstantTexts))]
    public void Write_Instant_WritesRfc3339Nano(Instant value, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(value, s_options));

    [Theory]
    [MemberData(nameof(InstantTexts))]
    public void Read_Rfc3339Nano_RoundTripsInstant(Instant expected, string json) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<Instant>(json, s_options));

    public static TheoryData<OffsetDateTime, string> ZonedTexts => new()
    {
        { new LocalDateTime(2014, 8, 4, 15, 0).WithOffset(Offset.FromHours(2)), "\"2014-08-04T15:00:00+02:00\"" },
        { new LocalDateTime(2014, 8, 4, 7, 30).WithOffset(Offset.FromHoursAndMinutes(-5, -30)), "\"2014-08-04T07:30:00-05:30\"" },
        { new LocalDateTime(2014, 8, 4, 13, 0).WithOffset(Offset.Zero), "\"2014-08-04T13:00:00Z\"" },
        {
            new LocalDateTime(2014, 8, 4, 15, 0).PlusNanoseconds(123_456_789).WithOffset(Offset.FromHours(2)),
            "\"2014-08-04T15:00:00.123456789+02:00\""
        },
        { GoJsonTimes.ZeroOffsetDateTime, "\"0001-01-01T00:00:00Z\"" },
    };

    [Theory]
    [MemberData(nameof(ZonedTexts))]
    public void Write_OffsetDateTime_KeepsOffset(OffsetDateTime value, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(value, s_options));

    [Theory]
    [MemberData(nameof(ZonedTexts))]
    public void Read_OffsetText_RoundTripsOffsetDateTime(OffsetDateTime expected, string json) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<OffsetDateTime>(json, s_options));

    [Theory]
    [InlineData("\"2014-08-04T15:00:00+02:00\"", "\"2014-08-04T13:00:00Z\"")]
    [InlineData("\"2014-08-04T08:00:00-05:00\"", "\"2014-08-04T13:00:00Z\"")]
    [InlineData("\"2014-08-04T13:00:00.1234567891Z\"", "\"2014-08-04T13:00:00.123456789Z\"")]
    [InlineData("\"2014-08-04T13:00:00.500000000Z\"", "\"2014-08-04T13:00:00.5Z\"")]
    [InlineData("\"2014-08-04T13:00:00,5Z\"", "\"2014-08-04T13:00:00.5Z\"")]
    [InlineData("null", "\"0001-01-01T00:00:00Z\"")]
    [InlineData("\"0000-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"")]
    public void Read_InstantVariants_NormaliseToUtc(string json, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(JsonSerializer.Deserialize<Instant>(json, s_options), s_options));

    [Fact]
    public void Read_Null_GivesZeroInstant()
    {
        Assert.Equal(GoJsonTimes.ZeroInstant, JsonSerializer.Deserialize<Instant>("null", s_options));
        Assert.Equal(GoJsonTimes.ZeroOffsetDateTime, JsonSerializer.Deserialize<OffsetDateTime>("null", s_options));
    }

    [Theory]
    [InlineData("\"2014-08-04 13:00:00Z\"")]
    [InlineData("\"2014-08-04T13:00:00\"")]
    [InlineData("\"2014-08-04T13:00:00z\"")]
    [InlineData("\"2014-02-30T00:00:00Z\"")]
    [InlineData("\"2014-13-01T00:00:00Z\"")]
    [InlineData("\"2014-08-04T24:00:00Z\"")]
    [InlineData("\"2014-08-04T13:00:60Z\"")]
    [InlineData("\"2014-08-04T13:00:00+2:00\"")]
    [InlineData("\"2014-08-04T13:00:00+0200\"")]
    [InlineData("\"2014-08-04T13:00:00+19:00\"")]
    [InlineData("\"2014-08-04T13:00:00.Z\"")]
    [InlineData("\"2014-8-4T13:00:00Z\"")]
    [InlineData("\"\"")]
    [InlineData("1407157200")]
    public void Read_NotRfc3339_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Instant>(json, s_options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OffsetDateTime>(json, s_options));
    }

    [Fact]
    public void Write_YearBeforeZero_ThrowsLikeGo()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(Instant.FromUtc(-1, 1, 1, 0, 0), s_options));
        Assert.Contains("year outside of range [0,9999]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatRfc3339Nano_OffsetWithSeconds_TruncatesToMinutes() =>
        Assert.Equal(
            "2014-08-04T13:00:00+01:30",
            GoJsonTimes.FormatRfc3339Nano(new LocalDateTime(2014, 8, 4, 13, 0).WithOffset(Offset.FromSeconds(5459))));

    [Fact]
    public void Read_NullableInstant_NullStaysNull() =>
        Assert.Null(JsonSerializer.Deserialize<Instant?>("null", s_options));
}
