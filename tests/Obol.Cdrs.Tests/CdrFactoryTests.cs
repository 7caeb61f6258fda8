using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Xunit;

namespace Obol.Cdrs.Tests;

public class CdrFactoryTests
{
    private static readonly Instant s_now = Instant.FromUtc(2024, 1, 2, 3, 4, 5);
    private static readonly CdrDefaults s_defaults = CdrDefaults.CGRateS;

    private static CgrEvent Event(string tenant, params (string Name, object? Value)[] fields)
    {
        var ev = new CgrEvent { Tenant = tenant, Id = "ev1" };
        foreach (var (name, value) in fields)
        {
            ev.Event[name] = value;
        }
        return ev;
    }

    [Fact]
    public void TryFromFields_EmptyEventWithoutDefaults_UnratedAndEmpty()
    {
        Assert.True(CdrFactory.TryFromFields(new Dictionary<string, object?>(), "", null, s_now, out var cdr, out _));
        Assert.Equal(-1m, cdr.Cost);
        Assert.Equal("", cdr.Cgrid);
        Assert.Empty(cdr.ExtraFields);
        Assert.Equal(Cdr.ZeroTime, cdr.AnswerTime);
    }

    [Fact]
    public void TryFromEvent_EmptyEvent_AddsCGRateSDefaults()
    {
        Assert.True(CdrFactory.TryFromEvent(Event(""), s_defaults, s_now, out var cdr, out _));
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", cdr.Cgrid);
        Assert.Equal("*default", cdr.RunId);
        Assert.Equal("*voice", cdr.ToR);
        Assert.Equal("*rated", cdr.RequestType);
        Assert.Equal("cgrates.org", cdr.Tenant);
        Assert.Equal("call", cdr.Category);
    }

    [Fact]
    public void TryFromEvent_FullEvent_MapsMainFieldsAndKeepsTheRestAsExtraFields()
    {
        var ev = Event("cgrates.org",
            ("OriginID", "uuid-1"), ("OriginHost", "10.0.2.15"), ("Source", 1001m), ("ToR", "*voice"),
            ("RequestType", "*prepaid"), ("Category", "call"), ("Account", "1001"), ("Destination", "1002"),
            ("SetupTime", "2014-08-04T13:00:00Z"), ("AnswerTime", "2014-08-04 13:00:07"), ("Usage", "1m7s"),
            ("Cost", 0.7167m), ("CostSource", "*sessions"), ("Partial", "true"), ("PreRated", 0m),
            ("OrderID", "42"), ("ExtraInfo", "ACCOUNT_NOT_FOUND"), ("ExtraField1", 5m), ("DisconnectCause", "NORMAL_CLEARING"));
        var defaults = s_defaults with { Timezone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };

        Assert.True(CdrFactory.TryFromEvent(ev, defaults, s_now, out var cdr, out _));

        Assert.Equal(Cgrid.Compute("uuid-1", "10.0.2.15"), cdr.Cgrid);
        Assert.Equal("1001", cdr.Source);
        Assert.Equal("1001", cdr.Subject); // Subject defaults to Account
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 13, 0, 0), cdr.SetupTime);
        Assert.Equal(Instant.FromUtc(2014, 8, 4, 11, 0, 7), cdr.AnswerTime); // zone-less: default timezone (CEST)
        Assert.Equal(Usage.FromSeconds(67), cdr.Usage);
        Assert.Equal(0.7167m, cdr.Cost);
        Assert.True(cdr.Partial);
        Assert.False(cdr.PreRated);
        Assert.Equal(42, cdr.OrderId);
        Assert.Equal("ACCOUNT_NOT_FOUND", cdr.ExtraInfo);
        Assert.Equal(new Dictionary<string, string> { ["ExtraField1"] = "5", ["DisconnectCause"] = "NORMAL_CLEARING" }, cdr.ExtraFields);
    }

    [Fact]
    public void TryFromEvent_GivenCgridAndEventTenant_KeepsThem()
    {
        var ev = Event("other.org", ("CGRID", "abc"), ("Tenant", "event.org"), ("OriginID", "x"));
        Assert.True(CdrFactory.TryFromEvent(ev, s_defaults, s_now, out var cdr, out _));
        Assert.Equal("abc", cdr.Cgrid);
        Assert.Equal("event.org", cdr.Tenant);
    }

    [Theory]
    [InlineData("AnswerTime", "clearly not time string", "Unsupported time format")]
    [InlineData("SetupTime", "clearly not time string", "Unsupported time format")]
    [InlineData("Usage", "clearly not duration string", "time: invalid duration \"clearly not duration string\"")]
    [InlineData("Partial", "maybe", "strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData("Cost", "cheap", "strconv.ParseFloat: parsing \"cheap\": invalid syntax")]
    [InlineData("OrderID", "first", "strconv.ParseInt: parsing \"first\": invalid syntax")]
    [InlineData("Rated", "true", "unimplemented CDR field: <Rated>")]
    public void TryFromEvent_BadValue_ErrorNamesFieldWithGoMessage(string field, string value, string message)
    {
        Assert.False(CdrFactory.TryFromEvent(Event("t", (field, value)), s_defaults, s_now, out _, out var error));
        Assert.Equal(new CdrFieldError(field, message), error);
        Assert.Equal($"{field}: {message}", error.ToString());
    }

    [Fact]
    public void TryFromEvent_NumericAnswerTime_RefusedAsGoDoes()
    {
        Assert.False(CdrFactory.TryFromEvent(Event("t", ("AnswerTime", 1383813745m)), s_defaults, s_now, out _, out var error));
        Assert.Equal("cannot convert field: 1383813745 to time.Time", error.Message);
    }

    [Fact]
    public void FromEvent_BadUsage_ThrowsFormatExceptionNamingField()
    {
        var e = Assert.Throws<FormatException>(() => CdrFactory.FromEvent(Event("t", ("Usage", "x")), s_defaults, s_now));
        Assert.StartsWith("Usage: ", e.Message);
    }

    [Fact]
    public void TryFromEvent_CostDetailsString_KeptAsJson()
    {
        var ev = Event("t", ("CostDetails", """{"CGRID":"c1","Cost":1.5}"""));
        Assert.True(CdrFactory.TryFromEvent(ev, s_defaults, s_now, out var cdr, out _));
        Assert.Equal("""{"CGRID":"c1","Cost":1.5}""", cdr.CostDetails);
    }

    [Fact]
    public void TryFromEvent_CostDetailsOfThisProcess_KeptAsGivenWithoutParsing()
    {
        // Not valid JSON: only a client's CostDetails are parsed, so this one passing through shows it was not.
        var ev = Event("t", ("CostDetails", new CostDetailsJson("{\"Cost\":1.5")));
        Assert.True(CdrFactory.TryFromEvent(ev, s_defaults, s_now, out var cdr, out _));
        Assert.Equal("{\"Cost\":1.5", cdr.CostDetails);
    }

    [Fact]
    public void TryFromEvent_CostDetailsNotJson_RefusedWithEventCostMessage()
    {
        Assert.False(CdrFactory.TryFromEvent(Event("t", ("CostDetails", "clearly not CostDetails string")), s_defaults, s_now, out _, out var error));
        Assert.StartsWith("JSON cannot unmarshal to *EventCost, err: ", error.Message);
    }

    [Fact]
    public void ToCgrEvent_RoundTripThroughFactory_SameCdr()
    {
        var ev = Event("cgrates.org", ("OriginID", "o1"), ("OriginHost", "h"), ("Account", "1001"),
            ("AnswerTime", "2014-08-04T13:00:00Z"), ("Usage", 67_000_000_000m), ("Cost", 1.2m), ("Extra", "x"),
            ("CostDetails", """{"Charges":[],"Cost":1.2}"""));
        var cdr = CdrFactory.FromEvent(ev, s_defaults, s_now);

        var back = cdr.ToCgrEvent("abc1234");
        var again = CdrFactory.FromEvent(back, s_defaults, s_now);

        Assert.Equal("abc1234", back.Id);
        Assert.Equal("cgrates.org", back.Tenant);
        Assert.Equal(Usage.FromSeconds(67), back.Event["Usage"]);
        Assert.Equal("x", back.Event["Extra"]);
        Assert.Equal(CdrJson.Serialize(cdr), CdrJson.Serialize(again));
    }
}
