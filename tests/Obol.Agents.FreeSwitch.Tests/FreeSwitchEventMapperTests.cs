using NodaTime;
using Obol.Esl;
using Obol.Primitives;
using Xunit;

namespace Obol.Agents.FreeSwitch.Tests;

public sealed class FreeSwitchEventMapperTests
{
    private static readonly Instant s_zeroTime = GoTime.Zero.ToInstant();
    private readonly FreeSwitchEventMapper _mapper = new(new FreeSwitchAgentOptions());

    [Fact]
    public void ToCgrEvent_ParkCapture_MapsEveryField()
    {
        var ev = _mapper.ToCgrEvent(Captures.Event(Captures.ChannelPark));

        Assert.Equal("cgrates.org", ev.Tenant);
        Assert.Matches("^[0-9a-f]{7}$", ev.Id);
        Assert.Equal(Instant.FromUnixTimeSeconds(1703257952), ev.Time);
        Assert.Empty(ev.ApiOpts);
        var expected = new Dictionary<string, object?>
        {
            ["ToR"] = "*voice",
            ["OriginID"] = "4967ceb1-c6f9-4af9-9855-df323d6763ad",
            ["OriginHost"] = "10.0.2.15",
            ["Source"] = "FS_CHANNEL_PARK",
            ["RequestType"] = "*rated",
            ["Tenant"] = "cgrates.org",
            ["Category"] = "call",
            ["Account"] = "1001",
            ["Subject"] = "1001",
            ["Destination"] = "1002",
            ["SetupTime"] = Instant.FromUnixTimeSeconds(1703257952),
            ["AnswerTime"] = s_zeroTime,
            ["Usage"] = Usage.Zero,
            ["PDD"] = Usage.Zero,
            ["ACD"] = Usage.Zero,
            ["Cost"] = -1m,
            ["Route"] = "",
            ["DisconnectCause"] = "",
        };
        Assert.Equal(expected.OrderBy(f => f.Key, StringComparer.Ordinal), ev.Event.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void ToCgrEvent_Hangup2015Capture_MapsEveryField()
    {
        var ev = _mapper.ToCgrEvent(Captures.Event(Captures.HangupComplete2015));

        var expected = new Dictionary<string, object?>
        {
            ["ToR"] = "*voice",
            ["OriginID"] = "e3133bf7-dcde-4daf-9663-9a79ffcef5ad",
            ["OriginHost"] = "10.0.3.15",
            ["Source"] = "FS_CHANNEL_HANGUP_COMPLETE",
            ["RequestType"] = "*prepaid",
            ["Tenant"] = "cgrates.org",
            ["Category"] = "call",
            ["Account"] = "1001",
            ["Subject"] = "1001",
            ["Destination"] = "1003",
            ["SetupTime"] = Instant.FromUnixTimeSeconds(1436280728),
            ["AnswerTime"] = Instant.FromUnixTimeSeconds(1436280728),
            ["Usage"] = Usage.FromSeconds(66),
            ["PDD"] = new Usage(28_000_000),
            ["ACD"] = Usage.FromSeconds(30),
            ["Cost"] = -1m,
            ["Route"] = "supplier1",
            ["DisconnectCause"] = "NORMAL_CLEARING",
        };
        Assert.Equal(expected.OrderBy(f => f.Key, StringComparer.Ordinal), ev.Event.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void ToCgrEvent_Hangup2018Capture_DecodesRouteArrayAndTimes()
    {
        var ev = _mapper.ToCgrEvent(Captures.Event(Captures.HangupComplete2018));

        Assert.Equal("ARRAY::3|:supplier2|:supplier3|:supplier1", ev.Event["Route"]);
        Assert.Equal(Instant.FromUnixTimeSeconds(1521025758), ev.Event["SetupTime"]);
        Assert.Equal(Instant.FromUnixTimeSeconds(1521025767), ev.Event["AnswerTime"]);
        Assert.Equal(Usage.FromSeconds(21), ev.Event["Usage"]);
        Assert.Equal(new Usage(9_760_000_000), ev.Event["PDD"]);
    }

    [Fact]
    public void ToCgrEvent_AliasWithoutCgrOriginHost_AliasIsOriginHost()
    {
        var ev = _mapper.ToCgrEvent(Captures.Event(Captures.ChannelPark), alias: "fs-east");

        Assert.Equal("fs-east", ev.Event["OriginHost"]);
    }

    [Fact]
    public void ToCgrEvent_CgrVariables_WinOverChannelHeaders()
    {
        var ev = _mapper.ToCgrEvent(Parse(
            ("Event-Name", "CHANNEL_ANSWER"), ("Unique-ID", "u1"), ("Caller-Username", "1001"), ("Caller-Destination-Number", "1002"),
            ("variable_cgr_tenant", "t1"), ("variable_cgr_category", "sms"), ("variable_cgr_account", "acc"),
            ("variable_cgr_subject", "subj"), ("variable_cgr_destination", "+49"), ("variable_cgr_originhost", "oh"),
            ("variable_cgr_disconnectcause", "CUSTOM"), ("Hangup-Cause", "NORMAL_CLEARING"),
            ("variable_cgr_opts", "*sessionsTTL:10s,bad,*rsUnits:2")), alias: "fs-east");

        Assert.Equal("t1", ev.Tenant);
        Assert.Equal("t1", ev.Event["Tenant"]);
        Assert.Equal("sms", ev.Event["Category"]);
        Assert.Equal("acc", ev.Event["Account"]);
        Assert.Equal("subj", ev.Event["Subject"]);
        Assert.Equal("+49", ev.Event["Destination"]);
        Assert.Equal("oh", ev.Event["OriginHost"]);
        Assert.Equal("CUSTOM", ev.Event["DisconnectCause"]);
        Assert.Equal(new Dictionary<string, object?> { ["*sessionsTTL"] = "10s", ["*rsUnits"] = "2" }, ev.ApiOpts);
    }

    [Theory]
    [InlineData("variable_process_cdr", "false")]
    [InlineData("Caller-Dialplan", "inline")]
    public void RequestType_NotForCharging_IsNone(string header, string value)
    {
        Assert.Equal("*none", _mapper.RequestType(Parse(("Event-Name", "CHANNEL_PARK"), (header, value))));
    }

    [Fact]
    public void RequestType_CgrReqTypeSet_BeatsNoneDetection()
    {
        Assert.Equal("*postpaid", _mapper.RequestType(Parse(("Caller-Dialplan", "inline"), ("variable_cgr_reqtype", "*postpaid"))));
    }

    [Fact]
    public void ToFields_ExtraReqFields_CopiedFromHeaderOrVariable()
    {
        var mapper = new FreeSwitchEventMapper(new FreeSwitchAgentOptions { ExtraFields = ["~*req.sip_call_id", "~*req.Channel-Name", "*constant:x"] });

        var fields = mapper.ToFields(Parse(("Event-Name", "CHANNEL_PARK"), ("variable_sip_call_id", "abc@host"), ("Channel-Name", "sofia/x")));

        Assert.Equal("abc@host", fields["sip_call_id"]);
        Assert.Equal("sofia/x", fields["Channel-Name"]);
        Assert.DoesNotContain("*constant:x", fields.Keys);
    }

    [Fact]
    public void ToAuthorizeArgs_ParkWithoutFlags_DefaultUsageAndMaxUsageOnly()
    {
        var args = _mapper.ToAuthorizeArgs(Captures.Event(Captures.ChannelPark), "fs-east", 0);

        Assert.True(args.GetMaxUsage);
        Assert.False(args.GetAttributes || args.AuthorizeResources || args.GetRoutes || args.ProcessThresholds || args.ProcessStats);
        Assert.Equal(Usage.FromHours(3), args.Event!["Usage"]);
        Assert.Equal(0m, args.Event["FsConnID"]);
        Assert.Equal("fs-east", args.Event["OriginHost"]);
        Assert.Equal(Instant.FromUnixTimeSeconds(1703257952), args.Time);
    }

    [Fact]
    public void ToTerminateArgs_Hangup2015Flags_TerminateAndRelease()
    {
        var args = _mapper.ToTerminateArgs(Captures.Event(Captures.HangupComplete2015), null, 1);

        Assert.True(args.TerminateSession);
        Assert.True(args.ReleaseResources);
        Assert.False(args.ProcessThresholds || args.ProcessStats || args.ForceDuration);
        Assert.Equal(1m, args.Event!["FsConnID"]);
        Assert.Equal(Usage.FromSeconds(66), args.Event["Usage"]);
    }

    [Fact]
    public void MissingParameter_NoUsername_NamesAccount()
    {
        Assert.Equal("Account", _mapper.MissingParameter(Parse(("Unique-ID", "u1"), ("Caller-Destination-Number", "1002"))));
        Assert.Null(_mapper.MissingParameter(Captures.Event(Captures.ChannelPark)));
    }

    [Fact]
    public void FsArray_Items_CountThenEach()
    {
        Assert.Equal("ARRAY::2|:r1:p|:r2", FreeSwitchEventMapper.FsArray(["r1:p", "r2"]));
        Assert.Equal("", FreeSwitchEventMapper.FsArray([]));
    }

    internal static EslEvent Parse(params (string Name, string Value)[] headers) =>
        EslEvent.Parse(string.Concat(headers.Select(h => $"{h.Name}: {Uri.EscapeDataString(h.Value)}\n")) + "\n");
}
