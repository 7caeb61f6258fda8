using System.Buffers;
using System.Text;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class KamEventParseTests
{
    [Fact]
    public void Parse_CapturedAuthRequest_ReturnsEveryFieldAsSent()
    {
        var ev = TestData.Event("kam56_auth_request.json");

        Assert.Equal(KamEventNames.AuthRequest, ev.Name);
        Assert.Equal(new Dictionary<string, string>
        {
            ["event"] = "CGR_AUTH_REQUEST",
            ["tr_index"] = "12656",
            ["tr_label"] = "1138748234",
            ["cgr_flags"] = "*attributes;*accounts;*routes;*resources;*thresholds",
            ["reply_route"] = "CGR_SESSIONAUTH_REPLY",
            ["Account"] = "1001",
            ["Destination"] = "1002",
            ["SetupTime"] = "1795632531",
        }, ev.Fields);
    }

    [Fact]
    public void Parse_CapturedCallStart_ReturnsEveryFieldAsSent()
    {
        var ev = TestData.Event("kam56_call_start.json");

        Assert.Equal(new Dictionary<string, string>
        {
            ["event"] = "CGR_CALL_START",
            ["h_entry"] = "313",
            ["h_id"] = "2992",
            ["cgr_flags"] = "*attributes;*accounts;*resources;*thresholds",
            ["OriginID"] = "1-6498@127.0.0.1",
            ["RequestType"] = "*prepaid",
            ["Tenant"] = "cgrates.org",
            ["Account"] = "1001",
            ["Destination"] = "1002",
            ["SetupTime"] = "1795632531",
            ["AnswerTime"] = "1795632531",
        }, ev.Fields);
    }

    [Fact]
    public void Parse_CapturedCallEnd_KeepsNullTextAsValue()
    {
        var ev = TestData.Event("kam56_call_end.json");

        Assert.Equal(new Dictionary<string, string>
        {
            ["event"] = "CGR_CALL_END",
            ["cgr_flags"] = "*accounts;*resources",
            ["OriginID"] = "1-6498@127.0.0.1",
            ["RequestType"] = "*prepaid",
            ["Tenant"] = "cgrates.org",
            ["Account"] = "1001",
            ["Destination"] = "1002",
            ["AnswerTime"] = "1795632531",
            ["PaypalAccount"] = "<null>",
            ["SetupTime"] = "1795632531",
            ["Usage"] = "5",
        }, ev.Fields);
    }

    [Fact]
    public void Parse_CapturedSimpleAuthRequest_ReturnsContextField()
    {
        var ev = TestData.Event("kam56_simpleauth_request.json");

        Assert.Equal(7, ev.Fields.Count);
        Assert.Equal("simpleauth", ev.Get(KamFields.CgrContext));
        Assert.Equal(KamEventNames.SimpleAuthReplyRoute, ev.Get(KamFields.ReplyRoute));
        Assert.Equal("1003", ev.Get(KamFields.Account));
        Assert.Null(ev.Get(KamFields.Destination));
    }

    [Fact]
    public void Parse_LegacyCgratesTestEvent_KeepsLegacyNamesAndSpacedMembers()
    {
        var ev = TestData.Event("cgr_call_end_from_kamevent_test.json");

        Assert.Equal(12, ev.Fields.Count);
        Assert.Equal("46c01a5c249b469e76333fc6bfa87f6a@0:0:0:0:0:0:0:0", ev.Get(KamLegacyFields.CallId));
        Assert.Equal("bf71ad59", ev.Get(KamLegacyFields.FromTag));
        Assert.Equal("*postpaid", ev.Get(KamLegacyFields.RequestType));
        Assert.Equal("200", ev.Get(KamLegacyFields.DisconnectCause));
        Assert.Equal("4", ev.Get(KamLegacyFields.Pdd));
    }

    [Fact]
    public void Parse_MultiSegmentSequence_EqualsSingleSpanParse()
    {
        var bytes = TestData.Utf8("kam56_call_start.json");

        var ev = KamEvent.Parse(SequenceSegments.Split(bytes, 5, 40, 41, 100, 250));

        Assert.Equal(KamEvent.Parse(bytes).Fields, ev.Fields);
    }

    [Fact]
    public void Parse_KnownKeysAndValues_ShareOneStringInstance()
    {
        var first = TestData.Event("kam56_call_start.json");
        var second = TestData.Event("kam56_call_start.json");

        var firstKey = first.Fields.Keys.Single(k => k == KamFields.OriginId);
        var secondKey = second.Fields.Keys.Single(k => k == KamFields.OriginId);
        Assert.Same(firstKey, secondKey);
        Assert.Same(first.Get(KamFields.Tenant), second.Get(KamFields.Tenant));
        Assert.Same(KamEventNames.CallStart, first.Name);
    }

    [Fact]
    public void Parse_NullValue_StoresEmptyStringAsGoDoes()
    {
        var ev = KamEvent.Parse("""{"event":"CGR_CALL_END","Account":null}""");

        Assert.Equal("", ev.Get(KamFields.Account));
    }

    [Fact]
    public void Parse_RepeatedKey_KeepsLastValue()
    {
        var ev = KamEvent.Parse("""{"Account":"1001","Account":"1002"}""");

        Assert.Equal("1002", ev.Get(KamFields.Account));
    }

    [Fact]
    public void Parse_EscapedValue_Unescapes()
    {
        var ev = KamEvent.Parse("""{"Account":"a\"b\u00e9\n"}""");

        Assert.Equal("a\"bé\n", ev.Get(KamFields.Account));
    }

    [Fact]
    public void Parse_InvalidUtf8_ReplacesWithReplacementCharacter()
    {
        byte[] json = [.. "{\"Account\":\"a"u8, 0xE9, .. "b\"}"u8];

        var ev = KamEvent.Parse(json);

        Assert.Equal("a\uFFFDb", ev.Get(KamFields.Account));
    }

    [Theory]
    [InlineData("""{"h_entry":313}""", "'h_entry' is a JSON Number")]
    [InlineData("""{"jsonrpl_body":{"id":1}}""", "'jsonrpl_body' is a JSON StartObject")]
    [InlineData("""{"a":true}""", "'a' is a JSON True")]
    [InlineData("""["CGR_CALL_END"]""", "must be a JSON object")]
    [InlineData("""{"Account":"1"x""", "not valid JSON")]
    [InlineData("""{"Account":"1"} x""", "not valid JSON")]
    [InlineData("""{"Account":"1" """, "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public void Parse_NotAFlatStringObject_ThrowsProtocolException(string json, string problem)
    {
        var error = Assert.Throws<EvapiProtocolException>(() => KamEvent.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnescapedQuoteFromKamailioTemplating_ThrowsProtocolException()
    {
        // Pitfall P9: Kamailio does not escape values, so a From user with a quote breaks the JSON.
        var json = TestData.Text("kam56_auth_request.json").Replace("\"1001\"", "\"10\"01\"", StringComparison.Ordinal);

        Assert.Throws<EvapiProtocolException>(() => KamEvent.Parse(json));
    }

    [Theory]
    [InlineData("kam56_auth_request.json", false)]
    [InlineData("kam56_simpleauth_request.json", false)]
    [InlineData("kam56_call_start.json", false)]
    [InlineData("kam56_call_end.json", false)]
    [InlineData("cgr_call_end_from_kamevent_test.json", true)]
    public void IsMissingMandatoryField_Captures_MatchesKamagent(string capture, bool expected)
    {
        Assert.Equal(expected, TestData.Event(capture).IsMissingMandatoryField());
    }

    [Theory]
    [InlineData("""{"event":"CGR_AUTH_REQUEST","tr_index":"1"}""", true)]
    [InlineData("""{"event":"CGR_AUTH_REQUEST","tr_index":"1","tr_label":""}""", true)]
    [InlineData("""{"event":"CGR_AUTH_REQUEST","tr_index":"1","tr_label":"2"}""", false)]
    [InlineData("""{"event":"CGR_CALL_START","h_entry":"1","h_id":"2","OriginID":"o","AnswerTime":"1","Account":"a"}""", true)]
    [InlineData("""{"event":"CGR_CALL_START","h_entry":"1","h_id":"2","OriginID":"o","AnswerTime":"1","Account":"a","Destination":"d"}""", false)]
    [InlineData("""{"event":"CGR_CALL_END","OriginID":"o","AnswerTime":"1","Account":"a","Destination":"d"}""", false)]
    [InlineData("""{"event":"CGR_PROCESS_MESSAGE","tr_index":"1","tr_label":"2"}""", false)]
    [InlineData("""{"event":"CGR_PROCESS_MESSAGE","tr_index":"1","tr_label":"2","cgr_flags":""}""", true)]
    [InlineData("""{"event":"CGR_PROCESS_CDR","tr_index":"1","tr_label":"2"}""", true)]
    [InlineData("""{"event":"CGR_PROCESS_CDR","tr_index":"1","tr_label":"2","OriginID":"o"}""", false)]
    [InlineData("""{"event":"CGR_DLG_LIST_REPLY"}""", true)]
    [InlineData("""{"tr_index":"1","tr_label":"2"}""", true)]
    public void IsMissingMandatoryField_PerEvent_FollowsMissingParameter(string json, bool expected)
    {
        Assert.Equal(expected, KamEvent.Parse(json).IsMissingMandatoryField());
    }

    [Fact]
    public void IsRequestTypeNone_NoneRequestType_ReturnsTrue()
    {
        Assert.True(KamEvent.Parse("""{"RequestType":"*none"}""").IsRequestTypeNone);
        Assert.False(TestData.Event("kam56_call_start.json").IsRequestTypeNone);
    }

    [Fact]
    public void Constructor_Fields_KeepsLastOfRepeatedKey()
    {
        var ev = new KamEvent([new("event", "CGR_CALL_END"), new("Usage", "1"), new("Usage", "2")]);

        Assert.Equal("CGR_CALL_END", ev.Name);
        Assert.Equal("2", ev.Get("Usage"));
        Assert.True(ev.Contains("Usage"));
    }

    [Fact]
    public void Parse_SingleSegmentSequence_Parses()
    {
        var ev = KamEvent.Parse(new ReadOnlySequence<byte>(TestData.Utf8("kam56_call_end.json")));

        Assert.Equal("5", ev.Get(KamFields.Usage));
    }
}
