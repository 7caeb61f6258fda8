using CsCheck;
using Xunit;

namespace Obol.Primitives.Tests;

public class RoundingTests
{
    // utils/coreutils_test.go and rating-semantics.md §1.1.
    [Theory]
    [InlineData("12.49", 1, RoundingMethod.Up, "12.5")]
    [InlineData("12.21", 1, RoundingMethod.Up, "12.3")]
    [InlineData("0.0701", 2, RoundingMethod.Up, "0.08")]
    [InlineData("12.49", 1, RoundingMethod.Down, "12.4")]
    [InlineData("14.37", 0, RoundingMethod.Middle, "14")]
    [InlineData("14.37", -1, RoundingMethod.Middle, "10")]
    [InlineData("0.6", 4, RoundingMethod.Up, "0.6")]
    [InlineData("0.30006", 4, RoundingMethod.Middle, "0.3001")]
    [InlineData("0.169992", 2, RoundingMethod.Up, "0.17")]
    [InlineData("0.0016666666666666666666666667", 5, RoundingMethod.Middle, "0.00167")]
    [InlineData("0.0016666666666666666666666667", 6, RoundingMethod.Middle, "0.001667")]
    [InlineData("0.64175", 4, RoundingMethod.Up, "0.6418")]
    [InlineData("12.49", 1, RoundingMethod.None, "12.49")]
    public void Round_CgratesVectors_Match(string value, int decimals, RoundingMethod method, string expected) =>
        Assert.Equal(decimal.Parse(expected), Rounding.Round(decimal.Parse(value), decimals, method));

    [Fact]
    public void Round_UpBelowNoiseThreshold_Floors() =>
        // CGRateS ignores scaled fractions under 1e-7: 0.6000000000001 scaled to 4 places leaves 1e-9.
        Assert.Equal(0.6m, Rounding.Round(0.6000000000001m, 4, RoundingMethod.Up));

    [Theory]
    [InlineData("-0.123456789", 6, RoundingMethod.Middle, "-0.123457")]
    [InlineData("-0.1234561", 6, RoundingMethod.Up, "-0.123457")]
    [InlineData("-0.6", 6, RoundingMethod.Middle, "-0.6")]
    public void Round_Negative_RoundsTowardsMinusInfinity(string value, int decimals, RoundingMethod method, string expected) =>
        Assert.Equal(decimal.Parse(expected), Rounding.Round(decimal.Parse(value), decimals, method));

    [Theory]
    [InlineData("*up", RoundingMethod.Up)]
    [InlineData("*middle", RoundingMethod.Middle)]
    [InlineData("*down", RoundingMethod.Down)]
    [InlineData("*toeven", RoundingMethod.None)]
    [InlineData("", RoundingMethod.None)]
    public void Parse_WireString_MapsMethod(string text, RoundingMethod expected) => Assert.Equal(expected, RoundingMethods.Parse(text));

    [Fact]
    public void Round_AnyValue_EqualsTheScalingAlgorithm()
    {
        var methods = new[] { RoundingMethod.Up, RoundingMethod.Middle, RoundingMethod.Down };
        Gen.Decimal[-1_000_000m, 1_000_000m].Select(Gen.Int[0, 12], Gen.Int[0, 2]).Sample((value, decimals, m) =>
            Assert.Equal(Rounding.RoundByScaling(value, decimals, methods[m]), Rounding.Round(value, decimals, methods[m])), iter: 20_000);
    }

    [Theory]
    [InlineData("0.00000000000000000001", 12)]
    [InlineData("-0.00000000000000000001", 12)]
    [InlineData("0.12345678901234567890123", 20)]
    [InlineData("1.00000005", 0)]
    [InlineData("2.5", 0)]
    [InlineData("-2.5", 0)]
    public void Round_EdgeValues_EqualsTheScalingAlgorithm(string value, int decimals)
    {
        foreach (var method in new[] { RoundingMethod.Up, RoundingMethod.Middle, RoundingMethod.Down })
        {
            var v = decimal.Parse(value);
            Assert.Equal(Rounding.RoundByScaling(v, decimals, method), Rounding.Round(v, decimals, method));
        }
    }

    [Fact]
    public void Round_PositiveValues_StaysWithinOneUnitAndOrdered()
    {
        Gen.Decimal[0m, 1_000_000m].Select(Gen.Int[0, 8]).Sample((value, decimals) =>
        {
            var unit = 1m / (decimal)Math.Pow(10, decimals);
            var up = Rounding.Round(value, decimals, RoundingMethod.Up);
            var middle = Rounding.Round(value, decimals, RoundingMethod.Middle);
            var down = Rounding.Round(value, decimals, RoundingMethod.Down);
            Assert.True(down <= middle && middle <= up);
            Assert.True(up - down <= unit);
            Assert.True(down <= value && value - down < unit);
        });
    }
}
