using Xunit;

namespace Obol.Evapi.Tests;

public sealed class KamEventMappingTests
{
    private static readonly KamMappingOptions s_options = new() { RemoteAddress = "127.0.0.1:8448" };

    [Fact]
    public void ToCgrEvent_CapturedAuthRequest_UsesSetupTimeAndDropsReservedFields()
    {
        var cgr = KamEventMapping.ToCgrEvent(TestData.Event("kam56_auth_request.json"), s_options)!;

        Assert.Equal("cgrates.org", cgr.Tenant);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 48, 51, TimeSpan.Zero), cgr.Time);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["Account"] = "1001",
            ["Destination"] = "1002",
            ["SetupTime"] = "1795632531",
            ["OriginHost"] = "127.0.0.1:8448",
            ["Source"] = "KamailioAgent",
            ["RequestType"] = "*rated",
        }, cgr.Event);
        Assert.Empty(cgr.ApiOpts);
        Assert.Equal(["*attributes", "*accounts", "*routes", "*resources", "*thresholds"], cgr.Flags);
        Assert.Null(cgr.UsageNanoseconds);
    }

    [Fact]
    public void ToCgrEvent_CapturedCallStart_UsesAnswerTimeAndKeepsDialogIds()
    {
        var cgr = KamEventMapping.ToCgrEvent(TestData.Event("kam56_call_start.json"), s_options)!;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795632531), cgr.Time);
        Assert.Equal("1-6498@127.0.0.1", cgr.Event[KamFields.OriginId]);
        Assert.Equal("313", cgr.Event[KamFields.HashEntry]);
        Assert.Equal("2992", cgr.Event[KamFields.HashId]);
        Assert.Equal("*prepaid", cgr.Event[KamFields.RequestType]);
        Assert.Equal("1795632531", cgr.Event[KamFields.AnswerTime]);
        Assert.False(cgr.Event.ContainsKey(KamFields.CgrFlags));
        Assert.False(cgr.Event.ContainsKey(KamFields.Event));
    }

    [Fact]
    public void ToCgrEvent_CapturedCallEnd_AppendsSecondsUnitToUsage()
    {
        var cgr = KamEventMapping.ToCgrEvent(TestData.Event("kam56_call_end.json"), s_options)!;

        Assert.Equal("5s", cgr.Event[KamFields.Usage]);
        Assert.Equal(5_000_000_000L, cgr.UsageNanoseconds);
        Assert.Equal("<null>", cgr.Event[KamFields.PaypalAccount]);
        Assert.Equal(["*accounts", "*resources"], cgr.Flags);
    }

    [Fact]
    public void ToCgrEvent_LegacyCgratesTestEvent_PassesLegacyFieldsThroughUnchanged()
    {
        var cgr = KamEventMapping.ToCgrEvent(TestData.Event("cgr_call_end_from_kamevent_test.json"), s_options)!;

        // No AnswerTime field (only cgr_answertime): Go parses "" to its zero time.
        Assert.Equal(DateTimeOffset.MinValue, cgr.Time);
        Assert.Equal("46c01a5c249b469e76333fc6bfa87f6a@0:0:0:0:0:0:0:0", cgr.Event[KamLegacyFields.CallId]);
        Assert.Equal("3", cgr.Event[KamLegacyFields.Duration]);
        Assert.Equal("*postpaid", cgr.Event[KamLegacyFields.RequestType]);
        Assert.Equal("*rated", cgr.Event[KamFields.RequestType]);
        Assert.False(cgr.Event.ContainsKey(KamFields.OriginId));
        Assert.Null(cgr.Flags);
    }

    [Fact]
    public void ToCgrEvent_OptionFields_GoToApiOptsNotEvent()
    {
        var ev = KamEvent.Parse("""{"event":"CGR_CALL_START","AnswerTime":"1795632531","*rsUsageID":"u1","*sessionsTTL":"10s"}""");

        var cgr = KamEventMapping.ToCgrEvent(ev, s_options)!;

        Assert.Equal(new Dictionary<string, object?> { ["*rsUsageID"] = "u1", ["*sessionsTTL"] = "10s" }, cgr.ApiOpts);
        Assert.False(cgr.Event.ContainsKey("*rsUsageID"));
    }

    [Fact]
    public void ToCgrEvent_EventValues_OverrideDefaults()
    {
        var ev = KamEvent.Parse("""
            {"event":"CGR_AUTH_REQUEST","SetupTime":"1795632531","Tenant":"itsyscom.com","Source":"proxy1",
             "RequestType":"","OriginHost":"kam1"}
            """);

        var cgr = KamEventMapping.ToCgrEvent(ev, new KamMappingOptions { ConnectionAlias = "alias", RemoteAddress = "10.0.0.1:8448" })!;

        Assert.Equal("itsyscom.com", cgr.Tenant);
        Assert.Equal("proxy1", cgr.Event[KamFields.Source]);
        Assert.Equal("", cgr.Event[KamFields.RequestType]);
        Assert.Equal("kam1", cgr.Event[KamFields.OriginHost]);
    }

    [Theory]
    [InlineData(null, "alias", "10.0.0.1:8448", "alias")]
    [InlineData("", "", "10.0.0.1:8448", "10.0.0.1:8448")]
    [InlineData(null, null, null, "")]
    [InlineData("own", "alias", "10.0.0.1:8448", "own")]
    public void ResolveOriginHost_Candidates_TakesFirstNonEmpty(string? own, string? alias, string? address, string expected)
    {
        var ev = own is null ? KamEvent.Parse("{}") : new KamEvent([new(KamFields.OriginHost, own)]);

        Assert.Equal(expected, KamEventMapping.ResolveOriginHost(ev, alias, address));
    }

    [Fact]
    public void ToCgrEvent_ProcessCdr_UsesClockNow()
    {
        var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var ev = KamEvent.Parse("""{"event":"CGR_PROCESS_CDR","tr_index":"1","tr_label":"2","OriginID":"o"}""");

        var cgr = KamEventMapping.ToCgrEvent(ev, new KamMappingOptions { TimeProvider = new FixedClock(now) })!;

        Assert.Equal(now, cgr.Time);
    }

    [Fact]
    public void ToCgrEvent_UnknownEventName_ReturnsNull()
    {
        Assert.Null(KamEventMapping.ToCgrEvent(TestData.Event("kam56_dlg_list_request.json"), s_options));
    }

    [Fact]
    public void ToCgrEvent_NullTextAsTime_ThrowsFormatException()
    {
        var ev = KamEvent.Parse("""{"event":"CGR_CALL_START","AnswerTime":"<null>"}""");

        Assert.Throws<FormatException>(() => KamEventMapping.ToCgrEvent(ev, s_options));
    }

    [Fact]
    public void ToCgrEvent_TimeZone_KeepsInstantWithZoneOffset()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");

        var cgr = KamEventMapping.ToCgrEvent(TestData.Event("kam56_call_start.json"), new KamMappingOptions { TimeZone = zone })!;

        Assert.Equal(TimeSpan.FromHours(2), cgr.Time.Offset);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795632531), cgr.Time);
    }

    [Theory]
    [InlineData("5", 5_000_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("-1", -1_000_000_000L)]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("<null>", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("99999999999", null)]
    public void ParseUsageSeconds_KamailioUsage_ReturnsNanoseconds(string? value, long? expected)
    {
        Assert.Equal(expected, KamEventMapping.ParseUsageSeconds(value));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
