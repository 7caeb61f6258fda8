using NodaTime;
using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Accounting.Tests.Scheduling;

/// <summary>
/// CGRateS parity: engine/actions_test.go TestActionTiming*/TestActionPlan* (written against time.Now(), ported
/// at fixed reference times: Wednesday 2024-05-15 14:30 unless stated) and engine/action_plan_test.go
/// TestActionTimingGetNextStartTime2.
/// </summary>
public class NextStartTimeTests
{
    private static readonly Instant s_wednesdayAfternoon = Instant.FromUtc(2024, 5, 15, 14, 30);

    [Theory]
    // TestActionTimingAlways
    [InlineData("", "", "", "", "00:00:00", "2024-05-16T00:00:00Z")]
    // TestActionPlanOnlyHour
    [InlineData("", "", "", "", "10:01:00", "2024-05-16T10:01:00Z")]
    // TestActionPlanHourYear
    [InlineData("2035", "", "", "", "10:01:00", "2035-01-01T10:01:00Z")]
    // TestActionPlanOnlyWeekdays: no start time is midnight
    [InlineData("", "", "", "1", "", "2024-05-20T00:00:00Z")]
    // TestActionPlanHourWeekdays
    [InlineData("", "", "", "1", "10:01:00", "2024-05-20T10:01:00Z")]
    // TestActionPlanOnlyMonthdays: 16 is tomorrow
    [InlineData("", "", "1,25,2,16", "", "", "2024-05-16T00:00:00Z")]
    // TestActionPlanHourMonthdays: today's 10:01 is gone, tomorrow's is next
    [InlineData("", "", "15,16", "", "10:01:00", "2024-05-16T10:01:00Z")]
    // TestActionPlanOnlyMonths: months without month days mean the 1st
    [InlineData("", "2,5,6", "", "", "", "2024-06-01T00:00:00Z")]
    // TestActionPlanHourMonths
    [InlineData("", "5,6", "", "", "10:01:00", "2024-06-01T10:01:00Z")]
    // TestActionPlanHourMonthdaysMonths
    [InlineData("", "5,6", "15,16", "", "10:01:00", "2024-05-16T10:01:00Z")]
    // TestActionPlanFirstOfTheMonth
    [InlineData("", "", "1", "", "", "2024-06-01T00:00:00Z")]
    // TestActionPlanOnlyYears: years without months mean January 1st
    [InlineData("2024,2025", "", "", "", "", "2025-01-01T00:00:00Z")]
    // TestActionPlanPast
    [InlineData("2028", "", "", "", "", "2028-01-01T00:00:00Z")]
    // TestActionPlanHourYears
    [InlineData("2024,2025", "", "", "", "10:01:00", "2025-01-01T10:01:00Z")]
    // TestActionPlanHourMonthdaysYear: years without months pin the days to January
    [InlineData("2024,2025", "", "15,16", "", "10:01:00", "2025-01-15T10:01:00Z")]
    // TestActionPlanHourMonthdaysMonthYear
    [InlineData("2024,2025", "5,6", "15,16", "", "10:01:00", "2024-05-16T10:01:00Z")]
    // TestActionPlanFirstOfTheYear
    [InlineData("2025", "1", "1", "", "00:00:00", "2025-01-01T00:00:00Z")]
    // TestActionPlanFirstMonthOfTheYear
    [InlineData("", "1", "", "", "", "2025-01-01T00:00:00Z")]
    // TestActionPlanFirstMonthOfTheYearSecondDay
    [InlineData("", "1", "2", "", "", "2025-01-02T00:00:00Z")]
    public void NextStartTime_ActionsTestVectors_MatchCgrates(string years, string months, string monthDays, string weekDays, string start,
        string expected) =>
        Assert.Equal(Parse(expected), Next(Schedule(years, months, monthDays, weekDays, start), s_wednesdayAfternoon));

    [Theory]
    // TestActionTimingMidnight: one second past midnight waits for the next midnight
    [InlineData("", "", "00:00:00", "2024-05-15T00:00:01Z", "2024-05-16T00:00:00Z")]
    // TestActionPlanOnlyHour before the hour
    [InlineData("", "", "10:01:00", "2024-05-15T09:00:00Z", "2024-05-15T10:01:00Z")]
    // TestActionPlanHourMonthdays before the hour
    [InlineData("", "15,16", "10:01:00", "2024-05-15T09:00:00Z", "2024-05-15T10:01:00Z")]
    // TestActionPlanHourMonthdaysYear as CGRateS's expectation holds: in January
    [InlineData("2024,2025", "15,16", "10:01:00", "2024-01-15T14:30:00Z", "2024-01-16T10:01:00Z")]
    // A matching second itself is not "next": cron moves strictly forward
    [InlineData("", "", "10:01:00", "2024-05-15T10:01:00Z", "2024-05-16T10:01:00Z")]
    public void NextStartTime_OtherReferenceTimes_MatchCgrates(string years, string monthDays, string start, string reference, string expected) =>
        Assert.Equal(Parse(expected), Next(Schedule(years, "", monthDays, "", start), Parse(reference)));

    [Theory]
    // TestActionTimingGetNextStartTime2 MonthlyEstimatedTiming is in MonthlyEstimatedTests; the others:
    // WeekDaysCron: month days OR week days — the 1st at 09:00 is gone, Wednesday the 3rd is next
    [InlineData("2024", "1,2,3", "1,15", "1,3,5", "09:00:00", "2024-01-01T10:00:00Z", "2024-01-03T09:00:00Z")]
    // YearTransition
    [InlineData("2024,2025", "12,1", "31,1", "", "00:00:00", "2024-12-31T23:00:00Z", "2025-01-01T00:00:00Z")]
    // LeapYear
    [InlineData("2024", "2", "29", "", "00:00:00", "2024-02-28T00:00:00Z", "2024-02-29T00:00:00Z")]
    public void NextStartTime_ActionPlanTestVectors_MatchCgrates(string years, string months, string monthDays, string weekDays, string start,
        string reference, string expected) =>
        Assert.Equal(Parse(expected), Next(Schedule(years, months, monthDays, weekDays, start), Parse(reference)));

    [Fact]
    public void NextStartTime_YearsOver_IsNull() =>
        Assert.Null(Next(Schedule("2012", "", "", "", "00:00:00"), s_wednesdayAfternoon));

    [Fact]
    public void NextStartTime_WeekDaySeven_IsSunday() =>
        Assert.Equal(Parse("2024-05-19T08:00:00Z"), Next(Schedule("", "", "", "7", "08:00:00"), s_wednesdayAfternoon));

    [Fact]
    public void NextStartTime_LastDayOfMonth_SkipsToMonthEnd() =>
        Assert.Equal(Parse("2024-02-29T23:00:00Z"), Next(Schedule("", "", "-1", "", "23:00:00"), Parse("2024-02-10T00:00:00Z")));

    [Fact]
    public void NextStartTime_WildcardHourStartTime_RunsEveryHourAtThatMinute() =>
        Assert.Equal(Parse("2024-05-15T15:05:00Z"), Next(Schedule("", "", "", "", "*:05:00"), s_wednesdayAfternoon));

    [Fact]
    public void NextStartTime_Asap_IsTheReference()
    {
        // TestActionPlanCheckForASAP
        var asap = Schedule("", "", "", "", "*asap");
        Assert.Equal(ActionTimingKind.Asap, asap.Kind);
        Assert.Equal(s_wednesdayAfternoon, Next(asap, s_wednesdayAfternoon));
    }

    [Fact]
    public void NextStartTime_PlusDuration_IsOneShotThatLongAfter()
    {
        var delayed = Schedule("", "", "", "", "+1h30m");
        Assert.Equal(ActionTimingKind.Delayed, delayed.Kind);
        Assert.True(delayed.IsOneShot);
        Assert.Equal(s_wednesdayAfternoon + Duration.FromMinutes(90), Next(delayed, s_wednesdayAfternoon));
    }

    [Fact]
    public void NextStartTime_DailyInBerlinAcrossSpringForward_StaysAtEightLocal()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var daily = Schedule("", "", "", "", "08:00:00");
        var saturday = Instant.FromUtc(2024, 3, 30, 7, 0); // 08:00 CET
        var sunday = daily.NextStartTime(saturday, berlin);
        Assert.Equal(Instant.FromUtc(2024, 3, 31, 6, 0), sunday); // 08:00 CEST
        Assert.Equal(Duration.FromHours(23), sunday!.Value - saturday);
    }

    [Fact]
    public void NextStartTime_DailyInBerlinAcrossFallBack_StaysAtEightLocal()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var daily = Schedule("", "", "", "", "08:00:00");
        var saturday = Instant.FromUtc(2024, 10, 26, 6, 0); // 08:00 CEST
        Assert.Equal(Instant.FromUtc(2024, 10, 27, 7, 0), daily.NextStartTime(saturday, berlin)); // 08:00 CET
    }

    [Fact]
    public void NextStartTime_TimeInSpringGap_MovesForwardLikeGoTimeDate()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var schedule = Schedule("", "", "", "", "02:30:00");
        // 02:30 does not exist on 2024-03-31; Go's time.Date lands on 03:30 CEST.
        Assert.Equal(Instant.FromUtc(2024, 3, 31, 1, 30), schedule.NextStartTime(Instant.FromUtc(2024, 3, 30, 12, 0), berlin));
    }

    [Fact]
    public void NextStartTime_ZoneMatters_EvaluatesWallClock()
    {
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
        var schedule = Schedule("", "", "", "", "08:00:00");
        // 14:30 UTC is 23:30 in Tokyo; the next 08:00 there is 23:00 UTC.
        Assert.Equal(Instant.FromUtc(2024, 5, 15, 23, 0), schedule.NextStartTime(s_wednesdayAfternoon, tokyo));
    }

    internal static ActionTimingSchedule Schedule(string years, string months, string monthDays, string weekDays, string start, string id = "T") =>
        ActionTimingSchedule.Create(id, CronTextTests.Ints(years), CronTextTests.Ints(months), CronTextTests.Ints(monthDays),
            CronTextTests.Ints(weekDays), start);

    internal static Instant? Next(ActionTimingSchedule schedule, Instant reference) => schedule.NextStartTime(reference, DateTimeZone.Utc);

    internal static Instant Parse(string text) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
}
