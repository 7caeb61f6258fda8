using CsCheck;
using Xunit;

namespace Obol.Rating.Tests;

public class PrefixIndexTests
{
    private static PrefixIndex<string> Index(params string[] prefixes) =>
        new(prefixes.Select(p => new KeyValuePair<string, string>(p, "v" + p)));

    [Theory]
    [InlineData("1002", "1002")]
    [InlineData("10025", "1002")]
    [InlineData("1009", "10")]
    [InlineData("+4420", "+44")]
    [InlineData("+4", null)]
    [InlineData("2", null)]
    [InlineData("", null)]
    public void TryGetLongest_MixedPrefixes_FindsLongest(string number, string? expected)
    {
        var index = Index("10", "1002", "1003", "+44", "123456789012345678901234");
        var found = index.TryGetLongest(number, out var value, out var length);
        Assert.Equal(expected is not null, found);
        if (expected is not null)
        {
            Assert.Equal("v" + expected, value);
            Assert.Equal(expected.Length, length);
        }
    }

    [Fact]
    public void Match_LongDigitPrefixBeyondPackedRange_FoundThroughStringTable()
    {
        var index = Index("123456789012345678901234", "1234");
        Assert.True(index.TryGetLongest("1234567890123456789012345", out var value, out _));
        Assert.Equal("v123456789012345678901234", value);
    }

    [Fact]
    public void Match_AllPrefixes_LongestFirst()
    {
        var index = Index("4", "44", "447", "4479", "abc");
        var lengths = new List<int>();
        foreach (var m in index.Match("447912345"))
        {
            lengths.Add(m.Length);
        }
        Assert.Equal([4, 3, 2, 1], lengths);
    }

    [Fact]
    public void Match_LeadingZeros_AreDistinctPrefixes()
    {
        var index = Index("0", "00", "0044");
        Assert.True(index.TryGetLongest("00441234", out var value, out _));
        Assert.Equal("v0044", value);
        Assert.True(index.TryGetLongest("0123", out value, out _));
        Assert.Equal("v0", value);
    }

    [Fact]
    public void TryGetLongest_RandomPrefixes_AgreesWithLinearScan()
    {
        var gen = Gen.String[Gen.Char["0123456789+*"], 1, 20].Array[1, 60].Select(Gen.String[Gen.Char["0123456789+*"], 0, 24]);
        gen.Sample((prefixes, number) =>
        {
            var index = Index(prefixes.Distinct().ToArray());
            var expected = prefixes.Where(p => number.StartsWith(p, StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();
            var found = index.TryGetLongest(number, out var value, out _);
            Assert.Equal(expected is not null, found);
            if (expected is not null)
            {
                Assert.Equal("v" + expected, value);
            }
        });
    }
}
