using NodaTime;

namespace Obol.Rating;

/// <summary>
/// When a rate applies (CGRateS RITiming): lists of years, months, month days and week days (empty = any) and a
/// daily window [StartTime, EndTime]. Loaded timings have no EndTime, so the window runs to the end of the day.
/// Evaluated in the wall-clock time of the call's zone.
/// </summary>
public sealed class Timing
{
    private readonly ushort _monthMask;
    private readonly ulong _monthDayMask;
    private readonly byte _weekDayMask;

    public Timing(string id, IReadOnlyList<int> years, IReadOnlyList<int> months, IReadOnlyList<int> monthDays,
        IReadOnlyList<int> weekDays, LocalTime startTime, LocalTime? endTime = null, string startTimeText = "00:00:00")
    {
        Id = id;
        Years = [.. years];
        Months = [.. months];
        MonthDays = [.. monthDays];
        // CGRateS parity: utils/dateseries.go parses week days modulo 7, so 7 is Sunday (Go weekday 0).
        WeekDays = [.. weekDays.Select(d => ((d % 7) + 7) % 7)];
        StartTime = startTime;
        EndTime = endTime;
        StartTimeText = startTimeText;
        foreach (var m in Months)
        {
            if (m is >= 1 and <= 12)
            {
                _monthMask |= (ushort)(1 << m);
            }
        }
        foreach (var d in MonthDays)
        {
            if (d is >= 1 and <= 31)
            {
                _monthDayMask |= 1UL << d;
            }
        }
        foreach (var d in WeekDays)
        {
            _weekDayMask |= (byte)(1 << d);
        }
    }

    /// <summary>The predefined <c>*any</c> timing: every day from 00:00:00.</summary>
    public static Timing Any { get; } = new("*any", [], [], [], [], LocalTime.Midnight);

    public string Id { get; }
    public int[] Years { get; }
    public int[] Months { get; }
    public int[] MonthDays { get; }

    /// <summary>Go weekdays: Sunday = 0 ... Saturday = 6.</summary>
    public int[] WeekDays { get; }

    public LocalTime StartTime { get; }
    public LocalTime? EndTime { get; }

    /// <summary>The start time as written (<c>08:00:00</c>), echoed in EventCost timings.</summary>
    public string StartTimeText { get; }

    public bool IsBlank => Years.Length == 0 && Months.Length == 0 && MonthDays.Length == 0 && WeekDays.Length == 0
        && StartTime == LocalTime.Midnight && EndTime is null;

    /// <summary>That day at StartTime (CGRateS parity: RITiming.getLeftMargin).</summary>
    public Instant LeftMargin(Instant t, DateTimeZone zone) =>
        ZoneTime.ToInstant(t.InZone(zone).Date.At(StartTime), zone);

    /// <summary>That day at EndTime, or 23:59:59 + 1s without one (CGRateS parity: RITiming.getRightMargin).</summary>
    public Instant RightMargin(Instant t, DateTimeZone zone)
    {
        var date = t.InZone(zone).Date;
        return EndTime is { } end
            ? ZoneTime.ToInstant(date.At(end), zone)
            : ZoneTime.ToInstant(date.At(new LocalTime(23, 59, 59)), zone) + Duration.FromSeconds(1);
    }

    /// <summary>CGRateS parity: RITiming.IsActiveAt — every non-empty list must hold t, and LeftMargin ≤ t ≤ RightMargin.</summary>
    public bool IsActiveAt(Instant t, DateTimeZone zone)
    {
        var local = t.InZone(zone).LocalDateTime;
        if (Years.Length > 0 && Array.IndexOf(Years, local.Year) < 0)
        {
            return false;
        }
        if (_monthMask != 0 && (_monthMask & (1 << local.Month)) == 0)
        {
            return false;
        }
        if (MonthDays.Length > 0 && (_monthDayMask & (1UL << local.Day)) == 0)
        {
            return false;
        }
        if (WeekDays.Length > 0 && (_weekDayMask & (1 << ((int)local.DayOfWeek % 7))) == 0)
        {
            return false;
        }
        if (local.TimeOfDay < StartTime)
        {
            return false;
        }
        return EndTime is not { } end || local.TimeOfDay <= end;
    }

    public override string ToString() => Id;
}
