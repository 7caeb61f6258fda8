using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// A parsed seven-field cron line and its next matching second, a port of the subset of gorhill/cronexpr that
/// CGRateS's cron lines use (values, ranges, steps, lists, <c>*</c>/<c>?</c> and <c>L</c> for the last day of
/// the month). Day of month and day of week OR together when both are restricted; years run 1970..2099.
/// </summary>
internal sealed partial class CronSchedule
{
    private const int FirstYear = 1970;
    private const int LastYear = 2099;

    // CGRateS parity: gorhill/cronexpr dowNormalizedOffsets — the days of a month falling on one weekday.
    private static readonly int[][] s_weekdayDays =
    [
        [1, 8, 15, 22, 29], [2, 9, 16, 23, 30], [3, 10, 17, 24, 31], [4, 11, 18, 25], [5, 12, 19, 26], [6, 13, 20, 27], [7, 14, 21, 28],
    ];

    private readonly int[] _seconds;
    private readonly int[] _minutes;
    private readonly int[] _hours;
    private readonly int[] _monthDays;
    private readonly bool _lastDayOfMonth;
    private readonly bool _monthDaysRestricted;
    private readonly int[] _months;
    private readonly int[] _weekDays;
    private readonly bool _weekDaysRestricted;
    private readonly int[] _years;

    private CronSchedule(int[][] fields, DayField monthDays, DayField weekDays)
    {
        (_seconds, _minutes, _hours, _months, _years) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        (_monthDays, _lastDayOfMonth, _monthDaysRestricted) = (monthDays.Values, monthDays.Last, monthDays.Restricted);
        (_weekDays, _weekDaysRestricted) = (weekDays.Values, weekDays.Restricted);
    }

    public string Text { get; private init; } = "";

    /// <summary>Parses <c>sec min hour monthday month weekday year</c>; <paramref name="error"/> says what is wrong
    /// where cronexpr.MustParse would have panicked.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 7)
        {
            error = $"cron line \"{text}\" must have 7 fields";
            return false;
        }
        var fields = new int[5][];
        if (!TryField(parts[0], "second", 0, 59, out fields[0], out error)
            || !TryField(parts[1], "minute", 0, 59, out fields[1], out error)
            || !TryField(parts[2], "hour", 0, 23, out fields[2], out error)
            || !TryField(parts[4], "month", 1, 12, out fields[3], out error)
            || !TryField(parts[6], "year", FirstYear, LastYear, out fields[4], out error)
            || !TryDayField(parts[3], "day-of-month", 1, 31, allowLast: true, out var monthDays, out error)
            || !TryDayField(parts[5], "day-of-week", 0, 7, allowLast: false, out var weekDays, out error))
        {
            return false;
        }
        weekDays = weekDays with { Values = [.. weekDays.Values.Select(d => d % 7).Distinct().Order()] };
        schedule = new CronSchedule(fields, monthDays, weekDays) { Text = text };
        return true;
    }

    /// <summary>The first matching second strictly after <paramref name="from"/>'s second, wall-clock in
    /// <paramref name="zone"/>; null when none is left (CGRateS parity: cronexpr Expression.Next).</summary>
    public Instant? Next(Instant from, DateTimeZone zone)
    {
        var t = from.InZone(zone).LocalDateTime;
        var i = LowerBound(_years, t.Year);
        if (i == _years.Length)
        {
            return null;
        }
        if (_years[i] != t.Year)
        {
            return NextYear(t.Year, zone);
        }
        i = LowerBound(_months, t.Month);
        if (i == _months.Length)
        {
            return NextYear(t.Year, zone);
        }
        if (_months[i] != t.Month)
        {
            return NextMonth(t.Year, t.Month, zone);
        }
        var days = ActualDays(t.Year, t.Month);
        i = LowerBound(days, t.Day);
        if (i == days.Length)
        {
            return NextMonth(t.Year, t.Month, zone);
        }
        if (days[i] != t.Day)
        {
            return NextDay(t, days, zone);
        }
        i = LowerBound(_hours, t.Hour);
        if (i == _hours.Length)
        {
            return NextDay(t, days, zone);
        }
        if (_hours[i] != t.Hour)
        {
            return NextHour(t, days, zone);
        }
        i = LowerBound(_minutes, t.Minute);
        if (i == _minutes.Length)
        {
            return NextHour(t, days, zone);
        }
        if (_minutes[i] != t.Minute)
        {
            return NextMinute(t, days, zone);
        }
        i = LowerBound(_seconds, t.Second);
        return i == _seconds.Length ? NextMinute(t, days, zone) : NextSecond(t, days, zone);
    }

    private Instant? NextYear(int year, DateTimeZone zone)
    {
        var i = LowerBound(_years, year + 1);
        if (i == _years.Length)
        {
            return null;
        }
        var days = ActualDays(_years[i], _months[0]);
        return days.Length == 0
            ? NextMonth(_years[i], _months[0], zone)
            : At(_years[i], _months[0], days[0], _hours[0], _minutes[0], _seconds[0], zone);
    }

    private Instant? NextMonth(int year, int month, DateTimeZone zone)
    {
        // Iterates where cronexpr recurses: a month with no matching day moves on to the following one.
        while (true)
        {
            var i = LowerBound(_months, month + 1);
            if (i == _months.Length)
            {
                return NextYear(year, zone);
            }
            var days = ActualDays(year, _months[i]);
            if (days.Length != 0)
            {
                return At(year, _months[i], days[0], _hours[0], _minutes[0], _seconds[0], zone);
            }
            month = _months[i];
        }
    }

    private Instant? NextDay(LocalDateTime t, int[] days, DateTimeZone zone)
    {
        var i = LowerBound(days, t.Day + 1);
        return i == days.Length ? NextMonth(t.Year, t.Month, zone) : At(t.Year, t.Month, days[i], _hours[0], _minutes[0], _seconds[0], zone);
    }

    private Instant? NextHour(LocalDateTime t, int[] days, DateTimeZone zone)
    {
        var i = LowerBound(_hours, t.Hour + 1);
        return i == _hours.Length ? NextDay(t, days, zone) : At(t.Year, t.Month, t.Day, _hours[i], _minutes[0], _seconds[0], zone);
    }

    private Instant? NextMinute(LocalDateTime t, int[] days, DateTimeZone zone)
    {
        var i = LowerBound(_minutes, t.Minute + 1);
        return i == _minutes.Length ? NextHour(t, days, zone) : At(t.Year, t.Month, t.Day, t.Hour, _minutes[i], _seconds[0], zone);
    }

    private Instant? NextSecond(LocalDateTime t, int[] days, DateTimeZone zone)
    {
        var i = LowerBound(_seconds, t.Second + 1);
        return i == _seconds.Length ? NextMinute(t, days, zone) : At(t.Year, t.Month, t.Day, t.Hour, t.Minute, _seconds[i], zone);
    }

    private static Instant At(int year, int month, int day, int hour, int minute, int second, DateTimeZone zone) =>
        GoWallClock.ToInstant(new LocalDateTime(year, month, day, hour, minute, second), zone);

    /// <summary>The days of that month that match (CGRateS parity: cronexpr calculateActualDaysOfMonth).</summary>
    private int[] ActualDays(int year, int month)
    {
        var last = CalendarSystem.Iso.GetDaysInMonth(year, month);
        Span<bool> hit = stackalloc bool[32];
        if (!_monthDaysRestricted && !_weekDaysRestricted)
        {
            hit[1..(last + 1)].Fill(true);
        }
        if (_monthDaysRestricted)
        {
            hit[last] |= _lastDayOfMonth;
            foreach (var d in _monthDays)
            {
                hit[d] |= d <= last;
            }
        }
        if (_weekDaysRestricted)
        {
            var offset = 7 - ((int)new LocalDate(year, month, 1).DayOfWeek % 7);
            foreach (var w in _weekDays)
            {
                foreach (var d in s_weekdayDays[(offset + w) % 7])
                {
                    hit[d] |= d <= last;
                }
            }
        }
        var result = new List<int>(last);
        for (var d = 1; d <= last; d++)
        {
            if (hit[d])
            {
                result.Add(d);
            }
        }
        return [.. result];
    }

    private static int LowerBound(int[] sorted, int value)
    {
        var i = Array.BinarySearch(sorted, value);
        return i >= 0 ? i : ~i;
    }
}
