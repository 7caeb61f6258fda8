using System.Globalization;
using NodaTime;
using Obol.Primitives;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// The timings every action plan may name without defining them. All but <c>*any</c> and <c>*asap</c> are relative
/// to the load: <c>*daily</c> loaded at 10:15:30 runs every day at 10:15:30 (CGRateS parity: engine/tpreader.go
/// addDefaultTimings, engine/action_plan.go checkDefaultTiming).
/// </summary>
public static class PredefinedTimings
{
    public const string EveryMinute = "*every_minute";
    public const string Hourly = "*hourly";
    public const string Daily = "*daily";
    public const string Weekly = "*weekly";
    public const string Monthly = "*monthly";
    public const string MonthlyEstimated = ActionTimingSchedule.MonthlyEstimated;
    public const string MonthEnd = "*month_end";
    public const string Yearly = "*yearly";

    public static readonly IReadOnlyList<string> Ids =
        [Meta.Any, Meta.Asap, EveryMinute, Hourly, Daily, Weekly, Monthly, MonthlyEstimated, MonthEnd, Yearly];

    public static bool IsPredefined(string timingId) => Ids.Contains(timingId);

    /// <summary>The schedule of predefined <paramref name="timingId"/> loaded at <paramref name="loadTime"/> (wall
    /// clock in its zone), or null when the id is not a predefined one.</summary>
    public static ActionTimingSchedule? Create(string timingId, ZonedDateTime loadTime)
    {
        var t = loadTime.LocalDateTime;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}");
        var second = t.Second.ToString(CultureInfo.InvariantCulture);
        var minute = t.Minute.ToString(CultureInfo.InvariantCulture);
        var weekday = (int)t.DayOfWeek % 7;
        return timingId switch
        {
            Meta.Any => ActionTimingSchedule.Create(timingId, [], [], [], [], "00:00:00"),
            Meta.Asap => ActionTimingSchedule.Asap,
            EveryMinute => ActionTimingSchedule.Create(timingId, [], [], [], [], $"*:*:{second}"),
            Hourly => ActionTimingSchedule.Create(timingId, [], [], [], [], $"*:{minute}:{second}"),
            Daily => ActionTimingSchedule.Create(timingId, [], [], [], [], clock),
            Weekly => ActionTimingSchedule.Create(timingId, [], [], [], [weekday], clock),
            Monthly or MonthlyEstimated => ActionTimingSchedule.Create(timingId, [], [], [t.Day], [], clock),
            MonthEnd => ActionTimingSchedule.Create(timingId, [], [], [-1], [], clock),
            Yearly => ActionTimingSchedule.Create(timingId, [], [t.Month], [t.Day], [], clock),
            _ => null,
        };
    }
}
