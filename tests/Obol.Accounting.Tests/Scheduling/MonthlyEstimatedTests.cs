using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Accounting.Tests.Scheduling;

/// <summary>CGRateS parity: engine/action_plan_test.go TestActionTimingGetNextStartTimesMonthlyEstimated and the
/// MonthlyEstimatedTiming case of TestActionTimingGetNextStartTime2.</summary>
public class MonthlyEstimatedTests
{
    [Theory]
    [InlineData("2020-02-07T14:25:00Z", 31, "00:00:00", "2020-02-29T00:00:00Z")] // February 7 to February 29
    [InlineData("2020-02-17T14:25:00Z", 16, "00:00:00", "2020-03-16T00:00:00Z")] // February 17 to March 16
    [InlineData("2020-12-17T14:25:00Z", 16, "00:00:00", "2021-01-16T00:00:00Z")] // December 17 to January 16
    [InlineData("2020-12-17T14:25:00Z", 31, "00:00:00", "2020-12-31T00:00:00Z")] // December 17 to December 31
    [InlineData("2020-07-31T14:25:00Z", 31, "15:00:00", "2020-07-31T15:00:00Z")] // July 31 same day
    [InlineData("2020-02-17T14:25:00Z", 17, "15:00:00", "2020-02-17T15:00:00Z")] // February 17 same day
    [InlineData("2020-02-17T15:25:00Z", 17, "10:00:00", "2020-03-17T10:00:00Z")] // February 17 to March 17
    [InlineData("2020-09-29T14:25:00Z", 31, "00:00:00", "2020-09-30T00:00:00Z")] // September 29 to September 30
    [InlineData("2020-09-30T14:25:00Z", 31, "00:00:00", "2020-10-31T00:00:00Z")] // September 30 to October 31
    [InlineData("2020-09-30T14:25:00Z", 31, "15:00:00", "2020-09-30T15:00:00Z")] // September 30 same day
    [InlineData("2020-09-30T14:25:00Z", 31, "14:25:01", "2020-09-30T14:25:01Z")] // September 30 same second
    [InlineData("2020-12-31T14:25:00Z", 31, "14:25:01", "2020-12-31T14:25:01Z")] // December 31 same second
    [InlineData("2020-12-31T14:25:00Z", 31, "14:25:00", "2021-01-31T14:25:00Z")] // December 31 to January 31
    [InlineData("2021-01-29T00:00:00Z", 29, "", "2021-02-28T00:00:00Z")] // Non-Leap Year: January 29 to Feb 28
    [InlineData("2021-02-28T00:00:00Z", 28, "", "2021-03-28T00:00:00Z")] // Non-Leap Year: February 28 to March 28
    [InlineData("2021-10-31T00:00:00Z", 30, "", "2021-11-30T00:00:00Z")] // October 31 to November 30
    [InlineData("2020-01-29T00:00:00Z", 29, "", "2020-02-29T00:00:00Z")] // Leap Year: January 29 to February 29
    [InlineData("2020-02-29T00:00:00Z", 29, "", "2020-03-29T00:00:00Z")] // Leap Year: February 29 to March 29
    [InlineData("2020-02-29T00:00:00Z", 30, "00:00:00", "2020-03-30T00:00:00Z")] // Leap Year: February 29 to March 30
    [InlineData("2021-11-30T00:00:00Z", 31, "", "2021-12-31T00:00:00Z")] // November 30 to December 31
    [InlineData("2021-09-29T00:00:00Z", 31, "", "2021-09-30T00:00:00Z")] // September 29 to September 30
    [InlineData("2021-01-29T00:00:00Z", 29, "00:00:00", "2021-02-28T00:00:00Z")] // Non-Leap Year: Jan 29 to Feb 28
    [InlineData("2020-01-30T00:00:00Z", 30, "00:00:00", "2020-02-29T00:00:00Z")] // Leap Year: Jan 30 to Feb 29
    [InlineData("2021-01-30T00:00:00Z", 30, "00:00:00", "2021-02-28T00:00:00Z")] // Non-Leap Year: Jan 30 to Feb 28
    [InlineData("2021-01-15T00:00:00Z", 15, "00:00:00", "2021-02-15T00:00:00Z")] // Non-Leap Year: Jan 15 to Feb 15
    [InlineData("2021-01-14T00:00:00Z", 15, "00:00:00", "2021-01-15T00:00:00Z")] // Jan 14 to Jan 15
    public void NextStartTime_MonthlyEstimated_ClampsToMonthEnd(string reference, int monthDay, string start, string expected)
    {
        var schedule = ActionTimingSchedule.Create(PredefinedTimings.MonthlyEstimated, [], [], [monthDay], [], start);
        Assert.Equal(NextStartTimeTests.Parse(expected), NextStartTimeTests.Next(schedule, NextStartTimeTests.Parse(reference)));
    }

    [Fact]
    public void NextStartTime_MonthlyEstimatedWithMonthsAndYear_MatchesCgrates()
    {
        var schedule = ActionTimingSchedule.Create(PredefinedTimings.MonthlyEstimated, [2024], [1, 2, 3], [31], [], "00:00:00");
        Assert.Equal(NextStartTimeTests.Parse("2024-01-31T00:00:00Z"),
            NextStartTimeTests.Next(schedule, NextStartTimeTests.Parse("2024-01-15T00:00:00Z")));
    }

    [Fact]
    public void NextStartTime_PlainMonthlyOnTheThirtyFirst_SkipsShortMonths()
    {
        // Only *monthly_estimated clamps: the same day under another id follows cron and skips February.
        var schedule = ActionTimingSchedule.Create(PredefinedTimings.Monthly, [], [], [31], [], "00:00:00");
        Assert.Equal(NextStartTimeTests.Parse("2020-03-31T00:00:00Z"),
            NextStartTimeTests.Next(schedule, NextStartTimeTests.Parse("2020-02-07T14:25:00Z")));
    }
}
