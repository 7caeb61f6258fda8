using System.Text;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class KamDlgListReplyTests
{
    [Fact]
    public void Parse_CapturedKamailioBriefing_ReadsDialog()
    {
        var reply = KamDlgListReply.Parse(TestData.Utf8("kam56_dlg_list_reply.json"));

        Assert.Equal(KamEventNames.DlgListReply, reply.Event);
        var dialog = Assert.Single(reply.Dialogs);
        Assert.Equal(new KamDialog { CallId = "1-6983@127.0.0.1", HashEntry = 3250, HashId = 2482 }, dialog);
        Assert.Equal([new KamSessionId("127.0.0.1:8448", "1-6983@127.0.0.1")], reply.ToSessionIds("127.0.0.1:8448"));
    }

    [Fact]
    public void Parse_CgratesBriefingHelper_UsesCallIdAsOriginId()
    {
        var reply = KamDlgListReply.Parse(TestData.Utf8("cgr_dlg_list_reply_dlg_briefing_rendered_from_test_helper.json"));

        Assert.Equal(KamEventNames.DlgList, reply.Event);
        Assert.Equal(["call-1", "call-2"], reply.ToSessionIds("kam").Select(s => s.OriginId));
        Assert.Equal([0L, 1L], reply.Dialogs.Select(d => d.HashId!.Value));
    }

    [Fact]
    public void Parse_CgratesDlgListHelper_AppendsCallerTag()
    {
        var reply = KamDlgListReply.Parse(TestData.Utf8("cgr_dlg_list_reply_dlg_list_rendered_from_test_helper.json"));

        Assert.Equal([new KamSessionId("kam", "call-1;tag"), new KamSessionId("kam", "call-2;tag")], reply.ToSessionIds("kam"));
    }

    [Fact]
    public void Parse_DialogVariables_OverrideOriginIdAndHost()
    {
        var reply = KamDlgListReply.Parse("""
            {"event":"CGR_DLG_LIST_REPLY","jsonrpl_body":{"jsonrpc":"2.0","id":1,"result":[
              {"call-id":"c1","caller":{"tag":"t1","contact":"x"},"variables":[{"cgrOriginID":"o1"},{"cgrOriginHost":"h1"},{"cgrReqType":"*prepaid"}]},
              {"call-id":"c2","from_tag":"f2","variables":[{"cgrOriginID":""}]},
              {"call-id":"c3","caller":{"tag":""},"from_tag":"f3"}]}}
            """u8);

        Assert.Equal(
            [new KamSessionId("h1", "o1"), new KamSessionId("kam", "c2;f2"), new KamSessionId("kam", "c3")],
            reply.ToSessionIds("kam"));
    }

    [Theory]
    [InlineData("""{"event":"CGR_DLG_LIST_REPLY"}""")]
    [InlineData("""{"event":"CGR_DLG_LIST_REPLY","jsonrpl_body":null}""")]
    [InlineData("""{"Jsonrpl_body":{"Result":[]}}""")]
    [InlineData("""{"jsonrpl_body":{"result":null,"error":{"code":500}}}""")]
    public void Parse_NoDialogs_ReturnsEmptyList(string json)
    {
        Assert.Empty(KamDlgListReply.Parse(Encoding.UTF8.GetBytes(json)).Dialogs);
    }

    [Theory]
    [InlineData("""{"jsonrpl_body":{"result":[{"call-id":5}]}}""", "'call-id' is a JSON Number")]
    [InlineData("""{"jsonrpl_body":{"result":{}}}""", "not an array")]
    [InlineData("""{"jsonrpl_body":[]}""", "jsonrpl_body is a JSON StartArray")]
    [InlineData("""{"event":"CGR_DLG_LIST_REPLY","jsonrpl_body":}""", "not valid JSON")]
    public void Parse_WrongShape_ThrowsProtocolException(string json, string problem)
    {
        var error = Assert.Throws<EvapiProtocolException>(() => KamDlgListReply.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MultiSegmentSequence_ReadsDialog()
    {
        var bytes = TestData.Utf8("kam56_dlg_list_reply.json");

        var reply = KamDlgListReply.Parse(SequenceSegments.Split(bytes, 30, 31, 90, 150));

        Assert.Equal("1-6983@127.0.0.1", Assert.Single(reply.Dialogs).CallId);
    }
}
