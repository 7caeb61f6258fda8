using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting.Scheduling;

/// <summary>How an action timing fires.</summary>
public enum ActionTimingKind
{
    /// <summary><c>*asap</c>: once, as soon as the plan is loaded.</summary>
    Asap,

    /// <summary><c>+duration</c> start time: once, that long after the plan is loaded.</summary>
    Delayed,

    /// <summary>Every second matching the timing's cron line.</summary>
    Recurring,
}

/// <summary>
/// When an action timing runs (CGRateS ActionTiming.Timing): the timing's years, months, month days and week days
/// (Go weekdays, 7 is Sunday too; month day -1 is the last day) and its start time — <c>HH:MM:SS</c> (parts may be
/// <c>*</c>), <c>*every_minute</c>, <c>*hourly</c>, <c>*asap</c> or <c>+duration</c>. Evaluated in the wall clock
/// of the zone the caller passes.
/// </summary>
public sealed class ActionTimingSchedule
{
    public const string MonthlyEstimated = "*monthly_estimated";

    private static readonly LocalTimePattern s_clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    private readonly CronSchedule? _cron;

    /// <summary>The first month day after normalisation, the day <c>*monthly_estimated</c> aims for.</summary>
    private readonly int _estimatedDay;

    private ActionTimingSchedule(string timingId, IReadOnlyList<int> years, IReadOnlyList<int> months, IReadOnlyList<int> monthDays,
        IReadOnlyList<int> weekDays, string startTime, ActionTimingKind kind, Duration delay, CronSchedule? cron, int estimatedDay = 0)
    {
        TimingId = timingId;
        Years = [.. years];
        Months = [.. months];
        MonthDays = [.. monthDays];
        WeekDays = [.. weekDays];
        StartTime = startTime;
        Kind = kind;
        Delay = delay;
        _cron = cron;
        _estimatedDay = estimatedDay;
    }

    /// <summary>The predefined <c>*asap</c> timing.</summary>
    public static ActionTimingSchedule Asap { get; } = new(Meta.Asap, [], [], [], [], Meta.Asap, ActionTimingKind.Asap, Duration.Zero, null);

    public string TimingId { get; }
    public IReadOnlyList<int> Years { get; }
    public IReadOnlyList<int> Months { get; }
    public IReadOnlyList<int> MonthDays { get; }
    public IReadOnlyList<int> WeekDays { get; }

    /// <summary>The start time as given.</summary>
    public string StartTime { get; }

    public ActionTimingKind Kind { get; }

    /// <summary>The wait of a <see cref="ActionTimingKind.Delayed"/> timing; zero otherwise.</summary>
    public Duration Delay { get; }

    /// <summary>True for <c>*asap</c> and <c>+duration</c>: they run once and are never queued again.</summary>
    public bool IsOneShot => Kind != ActionTimingKind.Recurring;

    /// <summary>The normalised cron line of a recurring timing (<c>0 0 8 * * * *</c>), empty for one-shots.</summary>
    public string CronLine => _cron?.Text ?? "";

    public static bool TryCreate(string timingId, IReadOnlyList<int> years, IReadOnlyList<int> months, IReadOnlyList<int> monthDays,
        IReadOnlyList<int> weekDays, string startTime, [NotNullWhen(true)] out ActionTimingSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        if (startTime == Meta.Asap)
        {
            schedule = new ActionTimingSchedule(timingId, years, months, monthDays, weekDays, startTime, ActionTimingKind.Asap, Duration.Zero, null);
            error = null;
            return true;
        }
        if (startTime.StartsWith('+'))
        {
            if (!Usage.TryParse(startTime.AsSpan(1), out var delay) || delay.Nanoseconds < 0)
            {
                error = $"invalid start time \"{startTime}\" (expected +duration such as +1h30m)";
                return false;
            }
            schedule = new ActionTimingSchedule(timingId, years, months, monthDays, weekDays, startTime, ActionTimingKind.Delayed,
                Duration.FromNanoseconds(delay.Nanoseconds), null);
            error = null;
            return true;
        }
        // CGRateS parity: ActionTiming.GetNextStartTime normalises before CronString — no start time is midnight,
        // years without months mean January, months without month days mean the 1st.
        var start = startTime.Length == 0 ? "00:00:00" : startTime;
        IReadOnlyList<int> cronMonths = years.Count > 0 && months.Count == 0 ? [1] : months;
        IReadOnlyList<int> cronMonthDays = cronMonths.Count > 0 && monthDays.Count == 0 ? [1] : monthDays;
        if (!CronSchedule.TryParse(CronText.Format(start, years, cronMonths, cronMonthDays, weekDays), out var cron, out error))
        {
            return false;
        }
        if (timingId == MonthlyEstimated && cronMonthDays.Count == 0)
        {
            error = $"{MonthlyEstimated} needs a month day";
            return false;
        }
        schedule = new ActionTimingSchedule(timingId, years, months, monthDays, weekDays, startTime, ActionTimingKind.Recurring, Duration.Zero, cron,
            cronMonthDays.Count > 0 ? cronMonthDays[0] : 0);
        return true;
    }

    public static ActionTimingSchedule Create(string timingId, IReadOnlyList<int> years, IReadOnlyList<int> months,
        IReadOnlyList<int> monthDays, IReadOnlyList<int> weekDays, string startTime) =>
        TryCreate(timingId, years, months, monthDays, weekDays, startTime, out var schedule, out var error)
            ? schedule
            : throw new ArgumentException($"timing \"{timingId}\": {error}", nameof(startTime));

    /// <summary>A rating <see cref="Timing"/> used as an action timing, starting at its start time.</summary>
    public static ActionTimingSchedule FromTiming(Timing timing) =>
        Create(timing.Id, timing.Years, timing.Months, timing.MonthDays, timing.WeekDays, s_clock.Format(timing.StartTime));

    /// <summary>
    /// The next time to run after <paramref name="reference"/> (CGRateS parity: engine/action_plan.go
    /// ActionTiming.GetNextStartTime): for a recurring timing the first matching second strictly after it, for
    /// <c>+duration</c> <paramref name="reference"/> plus the duration, for <c>*asap</c> <paramref name="reference"/>
    /// itself. Null when a recurring timing has no time left (its years are over).
    /// </summary>
    public Instant? NextStartTime(Instant reference, DateTimeZone zone)
    {
        switch (Kind)
        {
            case ActionTimingKind.Asap:
                return reference;
            case ActionTimingKind.Delayed:
                return reference + Delay;
        }
        var next = _cron!.Next(reference, zone);
        return next is { } n && TimingId == MonthlyEstimated ? ClampToMonthEnd(reference, n, zone) : next;
    }

    /// <summary>
    /// CGRateS parity: GetNextStartTime's <c>*monthly_estimated</c> branch — when the day does not exist in this or
    /// the next month, cron skips a month; step back to that month's last day instead. Month numbers are not
    /// wrapped, as in Go, so December never matches "next month".
    /// </summary>
    private Instant ClampToMonthEnd(Instant reference, Instant next, DateTimeZone zone)
    {
        var refLocal = reference.InZone(zone).LocalDateTime;
        var nextLocal = next.InZone(zone).LocalDateTime;
        var currentMonth = refLocal.Month;
        var target = _estimatedDay;
        var oneMonthSkip = DaysInMonth(refLocal) < target && nextLocal.Month == currentMonth + 1;
        var twoMonthSkip = nextLocal.Month == currentMonth + 2;
        if (!oneMonthSkip && !twoMonthSkip)
        {
            return next;
        }
        // From January the landing month is March; stepping back its length would overshoot February.
        var back = currentMonth == 1 ? target : DaysInMonth(nextLocal);
        var adjusted = GoWallClock.ToInstant(nextLocal.PlusDays(-back), zone);
        return adjusted > reference ? adjusted : next;
    }

    private static int DaysInMonth(LocalDateTime t) => CalendarSystem.Iso.GetDaysInMonth(t.Year, t.Month);

    public override string ToString() => Kind == ActionTimingKind.Recurring ? $"{TimingId} ({CronLine})" : $"{TimingId} ({StartTime})";
}
