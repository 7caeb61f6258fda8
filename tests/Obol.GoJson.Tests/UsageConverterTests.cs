using System.Text.Json;
using Obol.Primitives;

namespace Obol.GoJson.Tests;

public sealed class UsageConverterTests
{
    private static readonly JsonSerializerOptions s_options = GoJsonOptions.Create();

    [Theory]
    [InlineData(85_000_000_000L, "85000000000")]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Write_Usage_WritesIntegerNanoseconds(long nanoseconds, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(new Usage(nanoseconds), s_options));

    [Theory]
    [InlineData("85000000000", 85_000_000_000L)]
    [InlineData("\"1m25s\"", 85_000_000_000L)]
    [InlineData("\"20s\"", 20_000_000_000L)]
    [InlineData("\"1.5s\"", 1_500_000_000L)]
    [InlineData("\"85000000000\"", 85_000_000_000L)]
    [InlineData("\"*unlimited\"", -1L)]
    [InlineData("\"\"", 0L)]
    [InlineData("1.5e9", 1_500_000_000L)]
    [InlineData("1.9", 1L)]
    [InlineData("-1.9", -1L)]
    [InlineData("null", 0L)]
    public void Read_NumberOrDurationString_ReturnsNanoseconds(string json, long expected) =>
        Assert.Equal(new Usage(expected), JsonSerializer.Deserialize<Usage>(json, s_options));

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"1x\"", "1x")]
    [InlineData("\"10 s\"", "10 s")]
    public void Read_BadString_ThrowsNamingValue(string json, string bad)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Usage>(json, s_options));
        Assert.Contains($"\"{bad}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e19")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Read_NotADuration_ThrowsJsonException(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Usage>(json, s_options));

    [Fact]
    public void Read_Nullable_NullStaysNull() =>
        Assert.Null(JsonSerializer.Deserialize<Usage?>("null", s_options));

    [Fact]
    public void RoundTrip_DurationString_WritesNanoseconds() =>
        Assert.Equal("85000000000", JsonSerializer.Serialize(JsonSerializer.Deserialize<Usage>("\"1m25s\"", s_options), s_options));
}
