using Xunit;

namespace Obol.Cdrs.Tests;

public class CgridTests
{
    [Fact]
    public void Compute_CGRateSTestVector_MatchesLiteral()
    {
        // engine/cdr_test.go: Cgrid "abecd993..." is Sha1("dsafdsaf", time.Date(2013,11,7,8,42,26,0,UTC).String()).
        Assert.Equal("abecd993d06672714c4218a6dcf8278e0589a171", Cgrid.Compute("dsafdsaf", "2013-11-07 08:42:26 +0000 UTC"));
    }

    [Fact]
    public void Compute_EmptyOriginIdAndHost_IsSha1OfNothing()
    {
        // engine/mapevent_test.go TestMapEventAsCDR expects this CGRID for an event without OriginID/OriginHost.
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", Cgrid.Compute("", ""));
    }

    [Fact]
    public void Sha1_SingleSpace_MatchesCGRateSTest()
    {
        Assert.Equal("b858cb282617fb0956d960215c8e84d1ccf909c6", Cgrid.Sha1(" "));
    }

    [Fact]
    public void Compute_NoSeparator_ConcatenatesParts()
    {
        Assert.Equal(Cgrid.Compute("ab", "c"), Cgrid.Compute("a", "bc"));
    }

    [Fact]
    public void NewEventId_Always_SevenLowerHexDigits()
    {
        Assert.Matches("^[0-9a-f]{7}$", Cgrid.NewEventId());
    }

    [Fact]
    public void Compute_PartsLongerThanTheStackBufferAndNotAscii_SameAsHashingTheirUtf8()
    {
        var originId = new string('\u00e9', 400) + "-call";
        var originHost = "h\u00f6st-" + new string('x', 300);

        // Python: hashlib.sha1(('é' * 400 + '-call' + 'höst-' + 'x' * 300).encode()).hexdigest()
        Assert.Equal("f96385a9807e5f8548c598c9348229f7ef549cd7", Cgrid.Compute(originId, originHost));
    }

    [Fact]
    public void NewEventId_ManyCalls_Differ()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Cgrid.NewEventId()).ToHashSet();

        Assert.True(ids.Count > 990, $"{ids.Count} distinct of 1000");
    }
}
