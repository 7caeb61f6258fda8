using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslEventCaptureTests
{
    [Fact]
    public void Parse_ChannelParkCapture_DecodesEveryHeader()
    {
        var ev = EslEvent.Parse(Captures.Bytes(Captures.ChannelPark));

        Assert.Equal("CHANNEL_PARK", ev.EventName);
        Assert.Equal(108, ev.Headers.Count);
        Assert.Equal("4967ceb1-c6f9-4af9-9855-df323d6763ad", ev.UniqueId);
        Assert.Equal("1002", ev["Caller-Destination-Number"]);
        Assert.Equal("1703257952506074", ev["Caller-Channel-Created-Time"]);
        Assert.Equal("sofia/internal/1001@192.168.56.120:5081", ev["Channel-Name"]);
        Assert.Equal("Fri, 22 Dec 2023 15:12:32 GMT", ev["Event-Date-GMT"]);
        Assert.Equal("::1", ev["FreeSWITCH-IPv6"]);
        Assert.Equal("1001 <sip:1001@192.168.56.120:5081>;tag=27764SIPpTag001", ev["variable_sip_full_from"]);
        Assert.Equal("SIP/2.0/UDP 192.168.56.120:5081;branch=z9hG4bK-27764-1-0", ev["variable_sip_full_via"]);
        Assert.Equal("CORE_PCM_MODULE.PCMU@8000h@20i@64000b", ev["variable_ep_codec_string"]);
        Assert.Equal("", ev.Body);
    }

    [Fact]
    public void Parse_ChannelParkCapture_DecodesCarriageReturnsInsideValues()
    {
        var ev = EslEvent.Parse(Captures.Bytes(Captures.ChannelPark));

        var sdp = ev.GetVariable("switch_r_sdp");
        Assert.NotNull(sdp);
        Assert.StartsWith("v=0\r\no=user1 53655765 2353687637 IN IP4 192.168.56.120\r\n", sdp, StringComparison.Ordinal);
        Assert.EndsWith("a=rtpmap:0 PCMU/8000\r\n", sdp, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_ChannelParkCapture_StripsThePrefix()
    {
        var ev = EslEvent.Parse(Captures.Bytes(Captures.ChannelPark));

        Assert.Equal("1002", ev.Variables["sip_req_user"]);
        Assert.Equal("park", ev.GetVariable("current_application"));
        Assert.Equal(ev.Headers.Keys.Count(k => k.StartsWith("variable_", StringComparison.Ordinal)), ev.Variables.Count);
        Assert.Null(ev.GetVariable("cgr_reqtype"));
        Assert.False(ev.TryGet("variable_cgr_reqtype", out _));
    }

    [Fact]
    public void Parse_HangupCapture2015_ReadsCgrVariablesAndDecodedPlus()
    {
        var ev = EslEvent.Parse(Captures.Bytes(Captures.HangupComplete2015));

        Assert.Equal("CHANNEL_HANGUP_COMPLETE", ev.EventName);
        Assert.Equal("e3133bf7-dcde-4daf-9663-9a79ffcef5ad", ev.UniqueId);
        Assert.Equal("+AUTH_OK", ev["variable_cgr_notify"]);
        Assert.Equal("*prepaid", ev["variable_cgr_reqtype"]);
        Assert.Equal("supplier1", ev.GetVariable("cgr_route"));
        Assert.Equal("30", ev.GetVariable("cgr_acd"));
        Assert.Equal("*resources;*attributes;*sessions;*routes;*routes_event_cost;*routes_ignore_errors;*accounts",
            ev.GetVariable("cgr_flags"));
        Assert.Equal("66", ev.GetVariable("billsec"));
        Assert.Equal("1436280728", ev.GetVariable("answer_epoch"));
        Assert.Equal("sip:1001@127.0.0.1;tag=YwuG8U3rRbqIn.xYTnU8NrI3giyxDBHJ", ev.GetVariable("sip_full_from"));
        Assert.Equal("1436280728:e7c250e8-6ad7-4bd4-8962-318e0b0da728:bl_xfer:1003/default/XML", ev["Caller-Transfer-Source"]);
    }

    [Fact]
    public void Parse_HangupCapture2015_KeepsOneValueForTheRepeatedHangupCause()
    {
        var ev = EslEvent.Parse(Captures.Bytes(Captures.HangupComplete2015));

        Assert.Equal("NORMAL_CLEARING", ev["Hangup-Cause"]);
        Assert.Equal(302, ev.Headers.Count);
    }

    [Fact]
    public void Parse_HangupCapture2018_DecodesTheRouteArray()
    {
        var ev = EslEvent.Parse(Captures.Bytes(Captures.HangupComplete2018));

        Assert.Equal("5a3a1d91-90d3-4db4-af5c-cc3ae15d93a4", ev.UniqueId);
        Assert.Equal("ARRAY::3|:supplier2|:supplier3|:supplier1", ev.GetVariable("cgr_route"));
        Assert.Equal("AUTH_OK", ev.GetVariable("cgr_notify"));
        Assert.Equal("ResGroup1", ev.GetVariable("cgr_resource_allocation"));
        Assert.Equal("*resources;*attributes;*sessions;*routes", ev.GetVariable("cgr_flags"));
        Assert.Equal("\"1001\" <sip:1001@192.168.56.202>;tag=df94d020", ev.GetVariable("sip_full_from"));
        Assert.Equal("21", ev.GetVariable("billsec"));
        Assert.Equal("Wed, 14 Mar 2018 11:09:48 GMT", ev["Event-Date-GMT"]);
        Assert.Equal(309, ev.Headers.Count);
    }

    [Fact]
    public void Parse_HeartbeatCapture_ReadsTheTask()
    {
        var ev = EslEvent.Parse(Captures.Text(Captures.Heartbeat));

        Assert.Equal("RE_SCHEDULE", ev.EventName);
        Assert.Equal("heartbeat", ev["Task-Desc"]);
        Assert.Equal("2012-10-05 13:41:38", ev["Event-Date-Local"]);
        Assert.Equal("1349437318", ev["Task-Runtime"]);
        Assert.Null(ev.UniqueId);
    }

    [Fact]
    public void Indexer_MissingHeader_ReturnsNull()
    {
        var ev = EslEvent.Parse(Captures.Text(Captures.Heartbeat));

        Assert.Null(ev["Unique-Id"]);
        Assert.Null(ev["event-name"]);
        Assert.True(ev.TryGet("Event-Name", out var name));
        Assert.Equal("RE_SCHEDULE", name);
    }
}
