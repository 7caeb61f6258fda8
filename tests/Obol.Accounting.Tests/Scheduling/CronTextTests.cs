using Obol.Accounting.Scheduling;
using Xunit;

namespace Obol.Accounting.Tests.Scheduling;

/// <summary>CGRateS parity: engine/rateinterval_test.go TestRITimingCronString.</summary>
public class CronTextTests
{
    [Theory]
    [InlineData("14:30:00", "2012", "2", "1", "0", "0 30 14 1 2 0 2012")]
    [InlineData("14:30:00", "2012,2014", "2,1", "15,16", "0,1", "0 30 14 15,16 2,1 0,1 2012,2014")]
    [InlineData("*:30:00", "", "", "", "", "0 30 * * * * *")]
    [InlineData("", "", "", "", "", "* * * * * * *")]
    [InlineData("*every_minute", "", "", "", "", "0 * * * * * *")]
    [InlineData("*hourly", "", "", "", "", "0 0 * * * * *")]
    [InlineData("0:49:25", "", "", "", "", "25 49 0 * * * *")]
    [InlineData("*:0:49", "", "", "", "", "49 0 * * * * *")]
    [InlineData("*:49:0", "", "", "", "", "0 49 * * * * *")]
    [InlineData("00:49:25", "", "", "", "", "25 49 0 * * * *")]
    [InlineData("*:00:49", "", "", "", "", "49 0 * * * * *")]
    [InlineData("*:49:00", "", "", "", "", "0 49 * * * * *")]
    [InlineData("223000", "", "", "", "", "* * * * * * *")]
    [InlineData("223000", "", "", "-1", "", "* * * L * * *")]
    [InlineData("00:00:00", "2020", "1", "0", "1", "0 0 0 0 1 1 2020")]
    public void Format_CgratesVectors_MatchCronString(string start, string years, string months, string monthDays, string weekDays, string expected) =>
        Assert.Equal(expected, CronText.Format(start, Ints(years), Ints(months), Ints(monthDays), Ints(weekDays)));

    [Fact]
    public void TryCreate_MonthDayZero_FailsWhereCronexprPanics()
    {
        var ok = ActionTimingSchedule.TryCreate("ZEROS", [2020], [1], [0], [1], "00:00:00", out _, out var error);
        Assert.False(ok);
        Assert.Contains("day-of-month", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_LastDayAmongOtherDays_FailsWhereCronexprPanics() =>
        Assert.False(ActionTimingSchedule.TryCreate("MIXED", [], [], [-1, 15], [], "00:00:00", out _, out _));

    [Theory]
    [InlineData("24:00:00")]
    [InlineData("12:60:00")]
    [InlineData("+soon")]
    public void TryCreate_BadStartTime_Fails(string start) =>
        Assert.False(ActionTimingSchedule.TryCreate("BAD", [], [], [], [], start, out _, out _));

    [Fact]
    public void CronLine_YearsWithoutMonths_NormalisedToJanuaryFirst()
    {
        var schedule = ActionTimingSchedule.Create("Y", [2035], [], [], [], "10:01:00");
        Assert.Equal("0 1 10 1 1 * 2035", schedule.CronLine);
    }

    internal static int[] Ints(string csv) => csv.Length == 0 ? [] : [.. csv.Split(',').Select(int.Parse)];
}
