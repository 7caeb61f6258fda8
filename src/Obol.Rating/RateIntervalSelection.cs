using NodaTime;

namespace Obol.Rating;

/// <summary>
/// Picks the rate intervals that may price a span (CGRateS parity: RatingInfo.SelectRatingIntevalsForTimespan with
/// RateIntervalTimeSorter). The Go comparator is not a strict ordering, so its result depends on the sort algorithm;
/// Go sorts lists this short with insertion sort, which is reproduced here step for step.
/// </summary>
internal static class RateIntervalSelection
{
    public static void Select(RateInterval[] intervals, RatingSpan span, DateTimeZone zone, List<RateInterval> sorted, List<RateInterval> result)
    {
        result.Clear();
        sorted.Clear();
        if (intervals.Length == 0)
        {
            return;
        }
        sorted.AddRange(intervals);
        var reference = span.TimeStart;
        for (var i = 1; i < sorted.Count; i++)
        {
            for (var j = i; j > 0 && Less(sorted[j], sorted[j - 1], reference, zone); j--)
            {
                (sorted[j], sorted[j - 1]) = (sorted[j - 1], sorted[j]);
            }
        }
        Duration? delta = null;
        var bestIndex = 0;
        decimal bestWeight = 0;
        for (var index = 0; index < sorted.Count; index++)
        {
            var ri = sorted[index];
            if (!ri.Contains(span.TimeStart, zone, endTime: false))
            {
                continue;
            }
            if (ri.Weight < bestWeight)
            {
                break;
            }
            var startTime = ri.Timing.LeftMargin(span.TimeStart, zone);
            var tmpDelta = span.TimeStart - startTime;
            if (startTime <= span.TimeStart && (delta is null || tmpDelta < delta))
            {
                bestIndex = index;
                bestWeight = ri.Weight;
                delta = tmpDelta;
            }
        }
        result.Add(sorted[bestIndex]);
        for (var i = bestIndex + 1; i < sorted.Count; i++)
        {
            if (sorted[i].Weight < bestWeight)
            {
                break;
            }
            if (sorted[i].Timing.LeftMargin(span.TimeStart, zone) < span.TimeEnd)
            {
                result.Add(sorted[i]);
            }
        }
    }

    // CGRateS parity: RateIntervalTimeSorter.Less(j, i) with its arguments swapped as in the Go source.
    private static bool Less(RateInterval x, RateInterval y, Instant reference, DateTimeZone zone)
    {
        if (y.Weight < x.Weight)
        {
            return true;
        }
        return y.Timing.LeftMargin(reference, zone) > x.Timing.LeftMargin(reference, zone);
    }
}
