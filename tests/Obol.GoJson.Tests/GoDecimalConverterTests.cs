using System.Globalization;
using System.Text.Json;

namespace Obol.GoJson.Tests;

public sealed class GoDecimalConverterTests
{
    private static readonly JsonSerializerOptions s_options = GoJsonOptions.Create();

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    // Expected texts are what Go's json.Marshal prints for the float64 of the same value.
    [Theory]
    [InlineData("0.7002", "0.7002")]
    [InlineData("0.00167", "0.00167")]
    [InlineData("0.6418", "0.6418")]
    [InlineData("10", "10")]
    [InlineData("10.000", "10")]
    [InlineData("0.10000", "0.1")]
    [InlineData("0", "0")]
    [InlineData("0.000", "0")]
    [InlineData("-0.6", "-0.6")]
    [InlineData("12.5", "12.5")]
    [InlineData("1234567.891", "1234567.891")]
    [InlineData("0.00001", "0.00001")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("-0.0000001", "-1e-7")]
    [InlineData("0.0000009", "9e-7")]
    [InlineData("0.00000012345", "1.2345e-7")]
    [InlineData("0.0000000001", "1e-10")]
    [InlineData("0.0000000000000000000000000001", "1e-28")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("1000000000000000000000", "1e+21")]
    [InlineData("-1000000000000000000000", "-1e+21")]
    [InlineData("1500000000000000000000", "1.5e+21")]
    [InlineData("123000", "123000")]
    public void Format_GoFloatValues_MatchGoOutput(string value, string expected)
    {
        Assert.Equal(expected, GoDecimalConverter.Format(Dec(value)));
        Assert.Equal(expected, JsonSerializer.Serialize(Dec(value), s_options));
    }

    // Deliberate difference from Go: these have more digits than a float64 holds, so Go would print float noise
    // (123456789012345680, 1e+21); we print the decimal exactly.
    [Theory]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("999999999999999999999", "999999999999999999999")]
    [InlineData("0.1234567890123456789", "0.1234567890123456789")]
    [InlineData("79228162514264337593543950335", "7.9228162514264337593543950335e+28")]
    public void Format_BeyondFloat64Precision_PrintsExactDigits(string value, string expected) =>
        Assert.Equal(expected, GoDecimalConverter.Format(Dec(value)));

    [Fact]
    public void Format_NegativeZero_PrintsZero() =>
        Assert.Equal("0", GoDecimalConverter.Format(new decimal(0, 0, 0, isNegative: true, scale: 2)));

    [Fact]
    public void Format_MinValue_PrintsExponentForm() =>
        Assert.Equal("-7.9228162514264337593543950335e+28", GoDecimalConverter.Format(decimal.MinValue));

    [Theory]
    [InlineData("0.7002", "0.7002")]
    [InlineData("\"10\"", "10")]
    [InlineData("\"0.00167\"", "0.00167")]
    [InlineData("1e-7", "0.0000001")]
    [InlineData("\"1e-7\"", "0.0000001")]
    [InlineData("1E+3", "1000")]
    [InlineData("-0.6", "-0.6")]
    [InlineData("1e+21", "1000000000000000000000")]
    [InlineData("null", "0")]
    public void Read_NumberOrString_ParsesInvariant(string json, string expected) =>
        Assert.Equal(Dec(expected), JsonSerializer.Deserialize<decimal>(json, s_options));

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"1,5\"", "1,5")]
    [InlineData("1e30", "1e30")]
    [InlineData("true", "True")]
    public void Read_BadInput_ThrowsJsonException(string json, string mention)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<decimal>(json, s_options));
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", null)]
    [InlineData("0.5", "0.5")]
    [InlineData("\"0.5\"", "0.5")]
    public void Read_Nullable_UsesInnerConverter(string json, string? expected) =>
        Assert.Equal(expected is null ? null : Dec(expected), JsonSerializer.Deserialize<decimal?>(json, s_options));

    [Fact]
    public void Write_Nullable_WritesNullOrGoNumber()
    {
        Assert.Equal("null", JsonSerializer.Serialize<decimal?>(null, s_options));
        Assert.Equal("0.1", JsonSerializer.Serialize<decimal?>(0.100m, s_options));
    }

    [Theory]
    [InlineData("0.7002")]
    [InlineData("1e-7")]
    [InlineData("1e+21")]
    [InlineData("-12.25")]
    public void RoundTrip_GoText_IsUnchanged(string json) =>
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<decimal>(json, s_options), s_options));

    [Fact]
    public void Write_InArray_WritesSeparators() =>
        Assert.Equal("[0.1,10,1e-7]", JsonSerializer.Serialize(new[] { 0.10m, 10.0m, 0.0000001m }, s_options));
}
