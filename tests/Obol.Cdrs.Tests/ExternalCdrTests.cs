using NodaTime;
using Xunit;

namespace Obol.Cdrs.Tests;

/// <summary>NewCDRFromExternalCDR (engine/cdr.go): string times and usage, CostDetails as a JSON string.</summary>
public sealed class ExternalCdrTests
{
    private static readonly Instant s_now = Instant.FromUtc(2021, 2, 2, 12, 0);

    private static Cdr Convert(ExternalCdr external, DateTimeZone? zone = null) =>
        external.TryToCdr(zone ?? DateTimeZone.Utc, s_now, out var cdr, out var error) ? cdr : throw new InvalidOperationException(error);

    [Fact]
    public void TryToCdr_NoCgrid_ComputedFromOriginIdAndHost()
    {
        var cdr = Convert(new ExternalCdr { OriginId = "o1", OriginHost = "h1" });

        Assert.Equal(Cgrid.Compute("o1", "h1"), cdr.Cgrid);
    }

    [Fact]
    public void TryToCdr_ZonelessTime_ReadInTheDefaultTimezone()
    {
        var cdr = Convert(new ExternalCdr { AnswerTime = "2021-02-02 16:15:00" }, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);

        Assert.Equal(Instant.FromUtc(2021, 2, 2, 15, 15), cdr.AnswerTime);
        Assert.Equal(Cdr.ZeroTime, cdr.SetupTime);
    }

    [Theory]
    [InlineData("1m7s", 67_000_000_000)]
    [InlineData("67000000000", 67_000_000_000)]
    [InlineData("1.5", 1)]
    [InlineData("", 0)]
    public void TryToCdr_Usage_ParsedAsParseDurationWithNanosecs(string usage, long nanoseconds) =>
        Assert.Equal(nanoseconds, Convert(new ExternalCdr { Usage = usage }).Usage.Nanoseconds);

    [Fact]
    public void TryToCdr_CostAndExtraInfo_CostKeptExtraInfoDropped()
    {
        var cdr = Convert(new ExternalCdr { Cost = 0.7m, ExtraInfo = "old error", ExtraFields = new() { ["a"] = "b" } });

        Assert.Equal(0.7m, cdr.Cost);
        Assert.Equal("", cdr.ExtraInfo);
        Assert.Equal("b", cdr.ExtraFields["a"]);
    }

    [Fact]
    public void TryToCdr_NoCost_CostIsGoZeroNotUnrated() => Assert.Equal(0m, Convert(new ExternalCdr()).Cost);

    [Theory]
    [InlineData("""{"CGRID":"c1","Cost":0.7}""", """{"CGRID":"c1","Cost":0.7}""")]
    [InlineData("null", null)]
    public void TryToCdr_CostDetails_KeptAsEventCostJson(string details, string? expected) =>
        Assert.Equal(expected, Convert(new ExternalCdr { CostDetails = details }).CostDetails);

    [Fact]
    public void TryToCdr_CostDetailsNotAnObject_RefusedWithGoText()
    {
        Assert.False(new ExternalCdr { CostDetails = "[1]" }.TryToCdr(DateTimeZone.Utc, s_now, out _, out var error));

        Assert.Equal("json: cannot unmarshal array into Go value of type engine.EventCost", error);
    }

    [Fact]
    public void TryToCdr_BadSetupTime_RefusedAsUnsupportedTimeFormat()
    {
        Assert.False(new ExternalCdr { SetupTime = "not a time" }.TryToCdr(DateTimeZone.Utc, s_now, out _, out var error));

        Assert.Equal("Unsupported time format", error);
    }
}
