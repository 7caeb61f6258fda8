using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.SetTiming, GetTiming, RemoveTiming and TimingIsActiveAt, and the <c>*timings</c> filters that
/// read them.</summary>
public sealed class TimingsApiTests
{
    [Fact]
    public async Task SetTiming_WorkHours_ReadBackActiveOnlyThenAndKeptAcrossRestart()
    {
        await using var engine = await SessionEngine.StartAsync();

        var set = await engine.CallAsync("APIerSv1.SetTiming",
            """{"ID":"WORKHOURS","Years":[],"Months":[],"MonthDays":[],"WeekDays":[1,2,3,4,5],"StartTime":"08:00:00","EndTime":"18:00:00"}""");
        var friday = await engine.CallAsync("APIerSv1.TimingIsActiveAt", """{"TimingID":"WORKHOURS","Time":"2026-11-27T10:00:00Z"}""");
        var evening = await engine.CallAsync("APIerSv1.TimingIsActiveAt", """{"TimingID":"WORKHOURS","Time":"2026-11-27T19:00:00Z"}""");
        var saturday = await engine.CallAsync("APIerSv1.TimingIsActiveAt", """{"TimingID":"WORKHOURS","Time":"2026-11-28T10:00:00Z"}""");
        await engine.KillAndRestartAsync();
        var timing = await engine.CallAsync("APIerSv1.GetTiming", """{"ID":"WORKHOURS"}""");
        var builtIn = await engine.CallAsync("APIerSv1.GetTiming", """{"ID":"*any"}""");
        var missing = await engine.Api.CallRawAsync("APIerSv1.SetTiming", """{"WeekDays":[1]}"""u8.ToArray());
        var unknown = await engine.Api.CallRawAsync("APIerSv1.TimingIsActiveAt", """{"TimingID":"NONE","Time":"2026-11-27T10:00:00Z"}"""u8.ToArray());
        var removed = await engine.CallAsync("APIerSv1.RemoveTiming", """{"ID":"WORKHOURS"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetTiming", """{"ID":"WORKHOURS"}"""u8.ToArray());

        Assert.Equal("OK", set.GetString());
        Assert.Equal((true, false, false), (friday.GetBoolean(), evening.GetBoolean(), saturday.GetBoolean()));
        Assert.Equal("""{"ID":"WORKHOURS","Years":[],"Months":[],"MonthDays":[],"WeekDays":[1,2,3,4,5],"StartTime":"08:00:00","EndTime":"18:00:00"}""",
            timing.GetRawText());
        Assert.Equal("*any", builtIn.GetProperty("ID").GetString());
        Assert.Equal("MANDATORY_IE_MISSING: [ID]", missing.Error);
        Assert.Equal("NOT_FOUND", unknown.Error);
        Assert.Equal("OK", removed.GetString());
        Assert.Equal("NOT_FOUND", gone.Error);
    }

    [Fact]
    public async Task TimingsFilter_TimingSetOverApi_MatchesEventsInItsHoursOnly()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetTiming",
            """{"ID":"WORKHOURS","Years":[],"Months":[],"MonthDays":[],"WeekDays":[1,2,3,4,5],"StartTime":"08:00:00","EndTime":"18:00:00"}""");
        await engine.CallAsync("APIerSv1.SetAttributeProfile", """
            {"Tenant":"cgrates.org","ID":"ATTR_WORK","Contexts":["*any"],"FilterIDs":["*timings:~*req.AnswerTime:WORKHOURS"],
             "Attributes":[{"FilterIDs":[],"Path":"*req.Category","Type":"*constant","Value":[{"Rules":"work"}]}],"Weight":10}
            """);

        var inHours = await engine.CallAsync("AttributeSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"e1","Event":{"Account":"3001","AnswerTime":"2026-11-27T10:00:00Z"},"APIOpts":{"*context":"*any"}}""");
        var outside = await engine.Api.CallRawAsync("AttributeSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"e2","Event":{"Account":"3001","AnswerTime":"2026-11-28T10:00:00Z"},"APIOpts":{"*context":"*any"}}"""u8.ToArray());

        Assert.Equal("work", inHours.GetProperty("Event").GetProperty("Category").GetString());
        Assert.Equal("NOT_FOUND", outside.Error);
    }
}
