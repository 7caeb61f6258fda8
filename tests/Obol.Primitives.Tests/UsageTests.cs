using CsCheck;
using Xunit;

namespace Obol.Primitives.Tests;

public class UsageTests
{
    [Theory]
    [InlineData("1m25s", 85_000_000_000L)]
    [InlineData("20s", 20_000_000_000L)]
    [InlineData("60s", 60_000_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData("1h2m3.5s", 3_723_500_000_000L)]
    [InlineData("300ms", 300_000_000L)]
    [InlineData("2us", 2_000L)]
    [InlineData("2µs", 2_000L)]
    [InlineData("7ns", 7L)]
    [InlineData("1", 1L)]
    [InlineData("1024", 1024L)]
    [InlineData("0", 0L)]
    [InlineData("", 0L)]
    [InlineData("*unlimited", -1L)]
    [InlineData("-1m", -60_000_000_000L)]
    public void TryParse_GoDurationOrBareNanoseconds_Parses(string text, long expected)
    {
        Assert.True(Usage.TryParse(text, out var usage));
        Assert.Equal(expected, usage.Nanoseconds);
    }

    [Theory]
    [InlineData("1x")]
    [InlineData("s")]
    [InlineData("1.2.3s")]
    [InlineData("abc")]
    [InlineData("10 s")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(Usage.TryParse(text, out _));

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(85_000_000_000L, "1m25s")]
    [InlineData(60_000_000_000L, "1m0s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(1_500_000L, "1.5ms")]
    [InlineData(2_048L, "2.048µs")]
    [InlineData(12L, "12ns")]
    [InlineData(-85_000_000_000L, "-1m25s")]
    [InlineData(3_723_500_000_000L, "1h2m3.5s")]
    public void ToString_GoFormat_MatchesGo(long ns, string expected) => Assert.Equal(expected, new Usage(ns).ToString());

    [Fact]
    public void ToString_ThenTryParse_RoundTrips()
    {
        Gen.Long[-1_000_000_000_000_000L, 1_000_000_000_000_000L].Sample(ns =>
        {
            Assert.True(Usage.TryParse(new Usage(ns).ToString(), out var back));
            Assert.Equal(ns, back.Nanoseconds);
        });
    }

    [Theory]
    [InlineData(60L, 20L, 60L)]
    [InlineData(60L, 60L, 60L)]
    [InlineData(60L, 61L, 120L)]
    [InlineData(10L, 95L, 100L)]
    public void RoundUpToMultiple_Amount_SmallestMultipleAtLeastAmount(long whole, long amount, long expected) =>
        Assert.Equal(expected, Usage.RoundUpToMultiple(new Usage(whole), new Usage(amount)).Nanoseconds);
}
