using Xunit;

namespace Obol.Evapi.Tests;

public sealed class KamEventMatcherTests
{
    [Theory]
    [InlineData("kam56_auth_request.json", KamEventKinds.AuthRequest)]
    [InlineData("kam56_simpleauth_request.json", KamEventKinds.AuthRequest)]
    [InlineData("kam56_call_start.json", KamEventKinds.CallStart)]
    [InlineData("kam56_call_end.json", KamEventKinds.CallEnd)]
    [InlineData("kam56_dlg_list_reply.json", KamEventKinds.DlgList)]
    [InlineData("cgr_dlg_list_reply_dlg_list_rendered_from_test_helper.json", KamEventKinds.DlgList)]
    public void Match_Capture_ReturnsHandlerKamagentRuns(string capture, KamEventKinds expected)
    {
        Assert.Equal(expected, KamEventMatcher.Match(TestData.Utf8(capture)));
    }

    [Fact]
    public void Match_NameInsideAValue_MatchesThatHandlerToo()
    {
        var payload = """{"event":"CGR_CALL_END","Destination":"CGR_PROCESS_CDR"}"""u8;

        Assert.Equal(KamEventKinds.CallEnd | KamEventKinds.ProcessCdr, KamEventMatcher.Match(payload));
    }

    [Fact]
    public void Match_ProcessMessageSplitOverSegments_Matches()
    {
        var bytes = """{"event":"CGR_PROCESS_MESSAGE"}"""u8.ToArray();

        Assert.Equal(KamEventKinds.ProcessMessage, KamEventMatcher.Match(SequenceSegments.Split(bytes, 15)));
    }

    [Fact]
    public void Match_NoKnownName_ReturnsNone()
    {
        Assert.Equal(KamEventKinds.None, KamEventMatcher.Match("""{"event":"OTHER"}"""u8));
    }
}
