using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// A stretch of a call priced by one rate interval (CGRateS TimeSpan). <see cref="DurationIndex"/> is the call's
/// usage up to <see cref="TimeEnd"/>, which places the span in the rate groups.
/// </summary>
public sealed class RatingSpan
{
    private static readonly Increment[] s_noIncrements = [];

    public Instant TimeStart { get; set; }
    public Instant TimeEnd { get; set; }
    public decimal Cost { get; set; }
    public RateInterval? RateInterval { get; set; }
    public Usage DurationIndex { get; set; }
    public Increment[] Increments { get; set; } = s_noIncrements;

    /// <summary>The rounding correction charged when a debit performs rating rounding.</summary>
    public Increment? RoundIncrement { get; set; }

    public string MatchedSubject { get; private set; } = "";
    public string MatchedPrefix { get; private set; } = "";
    public string MatchedDestId { get; private set; } = "";
    public string RatingPlanId { get; private set; } = "";
    public int CompressFactor { get; set; } = 1;

    internal RatingInfo? Info { get; private set; }

    public Usage Duration => new((TimeEnd - TimeStart).ToInt64Nanoseconds());

    /// <summary>Where the span starts inside the call (CGRateS parity: GetGroupStart, never negative).</summary>
    public Usage GroupStart => new(Math.Max(0, DurationIndex.Nanoseconds - Duration.Nanoseconds));

    public Usage UnitDuration => new(Duration.Nanoseconds / CompressFactor);

    public decimal UnitCost => Cost / CompressFactor;

    /// <summary>Σ CompressFactor of the increments (CGRateS parity: Increments.Length).</summary>
    public int IncrementCount
    {
        get
        {
            var n = 0;
            foreach (ref readonly var inc in Increments.AsSpan())
            {
                n += inc.CompressFactor;
            }
            return n;
        }
    }

    /// <summary>A copy sharing the rating info, interval and increments array.</summary>
    public RatingSpan CloneShallow() => (RatingSpan)MemberwiseClone();

    /// <summary>Gives the span the rating identity of a synthetic rating (zero-rated balances).</summary>
    public void SetRatingIdentity(string matchedSubject, string matchedPrefix, string matchedDestId, string ratingPlanId)
    {
        Info = null;
        MatchedSubject = matchedSubject;
        MatchedPrefix = matchedPrefix;
        MatchedDestId = matchedDestId;
        RatingPlanId = ratingPlanId;
    }

    internal void SetRatingInfo(RatingInfo info)
    {
        Info = info;
        MatchedSubject = info.MatchedSubject;
        MatchedPrefix = info.MatchedPrefix;
        MatchedDestId = info.MatchedDestId;
        RatingPlanId = info.RatingPlanId;
    }

    internal void CopyRatingInfo(RatingSpan other)
    {
        if (other.Info is not null)
        {
            SetRatingInfo(other.Info);
        }
    }

    /// <summary>CGRateS parity: SetNewDurationIndex — this span now ends where <paramref name="next"/> starts.</summary>
    internal void ShrinkDurationIndexBefore(RatingSpan next) =>
        DurationIndex = new Usage(Math.Max(0, DurationIndex.Nanoseconds - next.Duration.Nanoseconds));

    /// <summary>Σ increment cost rounded to the global decimals, × CompressFactor; without increments the interval's
    /// cost of the whole span (CGRateS parity: TimeSpan.CalculateCost).</summary>
    public decimal CalculateCost(int roundingDecimals)
    {
        if (IncrementCount == 0)
        {
            return RateInterval?.GetCost(Duration, GroupStart, roundingDecimals) ?? 0m;
        }
        decimal sum = 0;
        foreach (ref readonly var inc in Increments.AsSpan())
        {
            sum += inc.TotalCost;
        }
        return Rounding.Round(sum, roundingDecimals, RoundingMethod.Middle) * CompressFactor;
    }

    /// <summary>CGRateS parity: TimeSpan.Equal, used to merge consecutive identical spans.</summary>
    internal bool SameAs(RatingSpan other)
    {
        var mine = Increments.AsSpan();
        var theirs = other.Increments.AsSpan();
        // CGRateS compares only this span's increments against the start of the other's list.
        if (theirs.Length < mine.Length)
        {
            return false;
        }
        for (var i = 0; i < mine.Length; i++)
        {
            if (!mine[i].SameAs(theirs[i]) || mine[i].CompressFactor != theirs[i].CompressFactor)
            {
                return false;
            }
        }
        var sameInterval = RateInterval is null ? other.RateInterval is null : RateInterval.EquivalentTo(other.RateInterval);
        return sameInterval && UnitCost == other.UnitCost && UnitDuration == other.UnitDuration
            && MatchedSubject == other.MatchedSubject && MatchedPrefix == other.MatchedPrefix
            && MatchedDestId == other.MatchedDestId && RatingPlanId == other.RatingPlanId;
    }
}
