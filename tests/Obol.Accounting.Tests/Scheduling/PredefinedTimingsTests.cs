using NodaTime;
using Obol.Accounting.Scheduling;
using Obol.Primitives;
using Xunit;

namespace Obol.Accounting.Tests.Scheduling;

/// <summary>CGRateS parity: engine/tpreader.go addDefaultTimings — relative timings count from the load time.</summary>
public class PredefinedTimingsTests
{
    [Theory]
    [InlineData("*every_minute", "2024-01-31T10:15:30Z", "2024-01-31T10:16:30Z")]
    [InlineData("*hourly", "2024-01-31T10:15:30Z", "2024-01-31T11:15:30Z")]
    [InlineData("*daily", "2024-01-31T10:15:30Z", "2024-02-01T10:15:30Z")]
    [InlineData("*weekly", "2024-01-31T10:15:30Z", "2024-02-07T10:15:30Z")]
    [InlineData("*monthly", "2024-01-31T10:15:30Z", "2024-03-31T10:15:30Z")]
    [InlineData("*monthly_estimated", "2024-01-31T10:15:30Z", "2024-02-29T10:15:30Z")]
    [InlineData("*month_end", "2024-02-10T10:15:30Z", "2024-02-29T10:15:30Z")]
    [InlineData("*yearly", "2024-02-29T10:15:30Z", "2028-02-29T10:15:30Z")]
    [InlineData("*any", "2024-01-31T10:15:30Z", "2024-02-01T00:00:00Z")]
    public void Create_RelativeToLoadTime_FirstRunIsOnePeriodLater(string id, string loaded, string expected)
    {
        var loadTime = NextStartTimeTests.Parse(loaded);
        var schedule = PredefinedTimings.Create(id, loadTime.InUtc());
        Assert.NotNull(schedule);
        Assert.Equal(NextStartTimeTests.Parse(expected), schedule.NextStartTime(loadTime, DateTimeZone.Utc));
    }

    [Fact]
    public void Create_Asap_IsTheAsapOneShot()
    {
        var schedule = PredefinedTimings.Create(Meta.Asap, Instant.FromUtc(2024, 1, 1, 0, 0).InUtc());
        Assert.Same(ActionTimingSchedule.Asap, schedule);
    }

    [Fact]
    public void Create_LoadTimeInZone_UsesLocalWallClock()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var loaded = Instant.FromUtc(2024, 3, 30, 7, 0).InZone(berlin); // 08:00 CET
        var daily = PredefinedTimings.Create(PredefinedTimings.Daily, loaded)!;
        Assert.Equal("08:00:00", daily.StartTime);
        Assert.Equal(Instant.FromUtc(2024, 3, 31, 6, 0), daily.NextStartTime(loaded.ToInstant(), berlin));
    }

    [Fact]
    public void Create_UnknownId_IsNull() => Assert.Null(PredefinedTimings.Create("*fortnightly", Instant.FromUtc(2024, 1, 1, 0, 0).InUtc()));
}
