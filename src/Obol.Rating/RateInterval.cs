using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>A timing, a rate table and a weight: one RatingPlans.csv row expanded for one destination.</summary>
public sealed class RateInterval(Timing timing, RateTable rating, decimal weight)
{
    public Timing Timing { get; } = timing;
    public RateTable Rating { get; } = rating;
    public decimal Weight { get; } = weight;

    /// <summary>CGRateS parity: RateInterval.Contains — an end time at exactly 00:00:00 is read as 23:59:59 of the day before.</summary>
    public bool Contains(Instant t, DateTimeZone zone, bool endTime)
    {
        if (endTime && IsMidnight(t, zone))
        {
            t -= Duration.FromSeconds(1);
        }
        return Timing.IsActiveAt(t, zone);
    }

    /// <summary>Cost of <paramref name="duration"/> at the slot for <paramref name="groupStart"/>, rounded to the global
    /// decimals *middle (CGRateS parity: RateInterval.GetCost).</summary>
    public decimal GetCost(Usage duration, Usage groupStart, int roundingDecimals)
    {
        var slot = Rating.SlotAt(groupStart);
        if (slot is null)
        {
            return 0m;
        }
        return Rounding.Round(duration.Nanoseconds * slot.Value / slot.UnitOrDefault().Nanoseconds, roundingDecimals, RoundingMethod.Middle);
    }

    /// <summary>CGRateS parity: RateInterval.Equal compares weight and timing, not prices.</summary>
    public bool EquivalentTo(RateInterval? other)
    {
        if (other is null)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        var a = Timing;
        var b = other.Timing;
        return Weight == other.Weight && a.Years.AsSpan().SequenceEqual(b.Years) && a.Months.AsSpan().SequenceEqual(b.Months)
            && a.MonthDays.AsSpan().SequenceEqual(b.MonthDays) && a.WeekDays.AsSpan().SequenceEqual(b.WeekDays)
            && a.StartTime == b.StartTime && a.EndTime == b.EndTime;
    }

    /// <summary>CGRateS parity: utils.TimeIs0h ignores sub-second digits.</summary>
    internal static bool IsMidnight(Instant t, DateTimeZone zone)
    {
        var time = t.InZone(zone).TimeOfDay;
        return time.Hour == 0 && time.Minute == 0 && time.Second == 0;
    }
}
