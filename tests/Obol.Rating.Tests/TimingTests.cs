using NodaTime;
using Xunit;

namespace Obol.Rating.Tests;

public class TimingTests
{
    private static readonly Timing s_workdayEvening = new("WORKDAYS_18", [], [], [], [1, 2, 3, 4, 5], new LocalTime(18, 0));

    [Theory]
    [InlineData(2012, 2, 2, 18, 0, true)]
    [InlineData(2012, 2, 2, 23, 59, true)]
    [InlineData(2012, 2, 2, 17, 59, false)]
    [InlineData(2012, 2, 4, 19, 0, false)]
    public void IsActiveAt_WorkdayEvening_MatchesWindowAndWeekday(int y, int m, int d, int h, int min, bool expected) =>
        Assert.Equal(expected, s_workdayEvening.IsActiveAt(Instant.FromUtc(y, m, d, h, min), DateTimeZone.Utc));

    [Fact]
    public void IsActiveAt_WeekdaySeven_IsSunday()
    {
        var sunday = new Timing("SUN", [], [], [], [7], LocalTime.Midnight);
        Assert.True(sunday.IsActiveAt(Instant.FromUtc(2026, 11, 29, 12, 0), DateTimeZone.Utc));
        Assert.False(sunday.IsActiveAt(Instant.FromUtc(2026, 11, 30, 12, 0), DateTimeZone.Utc));
    }

    [Fact]
    public void IsActiveAt_ZoneMatters_EvaluatesWallClock()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        // 17:30 UTC is 18:30 in Berlin in winter.
        var t = Instant.FromUtc(2012, 2, 2, 17, 30);
        Assert.False(s_workdayEvening.IsActiveAt(t, DateTimeZone.Utc));
        Assert.True(s_workdayEvening.IsActiveAt(t, berlin));
    }

    [Fact]
    public void Margins_NoEndTime_RunToNextMidnight()
    {
        var t = Instant.FromUtc(2012, 2, 2, 20, 15);
        Assert.Equal(Instant.FromUtc(2012, 2, 2, 18, 0), s_workdayEvening.LeftMargin(t, DateTimeZone.Utc));
        Assert.Equal(Instant.FromUtc(2012, 2, 3, 0, 0), s_workdayEvening.RightMargin(t, DateTimeZone.Utc));
    }

    [Fact]
    public void IsActiveAt_YearsMonthsMonthDays_AllMustMatch()
    {
        var newYear = new Timing("NEW_YEAR", [2026], [1], [1], [], LocalTime.Midnight);
        Assert.True(newYear.IsActiveAt(Instant.FromUtc(2026, 1, 1, 10, 0), DateTimeZone.Utc));
        Assert.False(newYear.IsActiveAt(Instant.FromUtc(2025, 1, 1, 10, 0), DateTimeZone.Utc));
        Assert.False(newYear.IsActiveAt(Instant.FromUtc(2026, 1, 2, 10, 0), DateTimeZone.Utc));
    }
}
