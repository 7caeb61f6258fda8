using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// The span and increment manipulations the account debit shares with rating (CGRateS TimeSpans.Compress/Decompress,
/// TimeSpan.SplitByIncrement, CallCost.updateCost and CallCost.Round).
/// </summary>
public static class SpanOperations
{
    /// <summary>Expands spans with a CompressFactor and every compressed increment into units of one.</summary>
    public static void Decompress(List<RatingSpan> spans)
    {
        foreach (var span in spans)
        {
            span.Increments = DecompressIncrements(span.Increments);
        }
        SplitMergedSpans(spans);
    }

    /// <summary>Expands spans with a CompressFactor into one span per unit, leaving their increments as they are.</summary>
    public static void SplitMergedSpans(List<RatingSpan> spans)
    {
        if (!spans.Exists(static span => span.CompressFactor > 1))
        {
            return;
        }
        var result = new List<RatingSpan>(spans.Count);
        foreach (var span in spans)
        {
            var factor = span.CompressFactor;
            if (factor <= 1)
            {
                result.Add(span);
                continue;
            }
            // CGRateS parity: TimeSpans.Decompress cuts equal units off the front of the merged span.
            var unit = Duration.FromNanoseconds(span.Duration.Nanoseconds / factor);
            var unitCost = span.Cost / factor;
            for (var i = factor; i > 1; i--)
            {
                var piece = span.CloneShallow();
                piece.TimeEnd = span.TimeStart + unit;
                piece.DurationIndex = new Usage(span.DurationIndex.Nanoseconds - ((i - 1) * unit.ToInt64Nanoseconds()));
                piece.CompressFactor = 1;
                piece.Cost = unitCost;
                piece.Increments = [.. span.Increments];
                span.TimeStart = piece.TimeEnd;
                result.Add(piece);
            }
            span.Cost = unitCost;
            span.CompressFactor = 1;
            result.Add(span);
        }
        spans.Clear();
        spans.AddRange(result);
    }

    /// <summary>The increments with every compressed one expanded into units of one (the same array when none is).</summary>
    public static Increment[] DecompressIncrements(Increment[] increments)
    {
        var total = 0;
        foreach (ref readonly var inc in increments.AsSpan())
        {
            total += Math.Max(1, inc.CompressFactor);
        }
        if (total == increments.Length)
        {
            return increments;
        }
        var result = new Increment[total];
        var n = 0;
        foreach (ref readonly var inc in increments.AsSpan())
        {
            for (var k = 0; k < Math.Max(1, inc.CompressFactor); k++)
            {
                result[n++] = inc with { CompressFactor = 1 };
            }
        }
        return result;
    }

    /// <summary>Merges consecutive equal increments of every span, then consecutive equal spans, in place.</summary>
    public static List<RatingSpan> Compress(List<RatingSpan> spans)
    {
        foreach (var span in spans)
        {
            span.Increments = CompressIncrements(span.Increments);
        }
        var kept = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var ts = spans[i];
            if (kept > 0 && spans[kept - 1].SameAs(ts))
            {
                var merged = spans[kept - 1];
                merged.CompressFactor++;
                merged.Cost += ts.Cost;
                merged.TimeEnd = ts.TimeEnd;
                merged.DurationIndex = ts.DurationIndex;
            }
            else
            {
                spans[kept++] = ts;
            }
        }
        spans.RemoveRange(kept, spans.Count - kept);
        return spans;
    }

    private static Increment[] CompressIncrements(Increment[] increments)
    {
        if (increments.Length < 2)
        {
            return increments;
        }
        var count = 1;
        for (var i = 1; i < increments.Length; i++)
        {
            if (!increments[i].SameAs(increments[i - 1]))
            {
                count++;
            }
        }
        if (count == increments.Length)
        {
            return increments;
        }
        var result = new Increment[count];
        var n = 0;
        result[0] = increments[0];
        for (var i = 1; i < increments.Length; i++)
        {
            if (increments[i].SameAs(result[n]))
            {
                result[n].CompressFactor += Math.Max(1, increments[i].CompressFactor);
            }
            else
            {
                result[++n] = increments[i];
            }
        }
        return result;
    }

    /// <summary>Cuts <paramref name="span"/> before increment <paramref name="index"/> and returns the rest
    /// (CGRateS parity: TimeSpan.SplitByIncrement); null when the index is not inside. Compressed increments before the
    /// cut count with their factor.</summary>
    public static RatingSpan? SplitByIncrement(RatingSpan span, int index)
    {
        if (index <= 0 || index >= span.Increments.Length)
        {
            return null;
        }
        long offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset += span.Increments[i].Duration.Nanoseconds * Math.Max(1, span.Increments[i].CompressFactor);
        }
        var cut = span.TimeStart + Duration.FromNanoseconds(offset);
        var next = span.CloneShallow();
        next.TimeStart = cut;
        next.TimeEnd = span.TimeEnd;
        next.DurationIndex = span.DurationIndex;
        next.Increments = span.Increments[index..];
        span.TimeEnd = cut;
        span.Increments = span.Increments[..index];
        span.ShrinkDurationIndexBefore(next);
        return next;
    }

    /// <summary>Cost = Σ span costs, rounded to the global decimals after every span (CGRateS parity: updateCost).</summary>
    public static void UpdateCost(CallCost cc, int roundingDecimals)
    {
        decimal cost = 0;
        foreach (var ts in cc.Timespans)
        {
            ts.Cost = ts.CalculateCost(roundingDecimals);
            cost = Rounding.Round(cost + ts.Cost, roundingDecimals, RoundingMethod.Middle);
        }
        cc.Cost = cost;
    }

    /// <summary>
    /// Rounds each money-paid span with its rating's rounding and records the correction as the span's
    /// RoundIncrement, charged to the balance of its first increment (CGRateS parity: CallCost.Round).
    /// </summary>
    public static void Round(CallCost cc, int roundingDecimals)
    {
        decimal total = 0;
        foreach (var ts in cc.Timespans)
        {
            if (ts.Increments.Length == 0 || ts.RateInterval is null)
            {
                continue;
            }
            var first = ts.Increments[0];
            if (first.BalanceInfo?.Monetary is null || first.Cost == 0)
            {
                continue;
            }
            var cost = ts.CalculateCost(roundingDecimals);
            var rounded = Rounding.Round(cost, ts.RateInterval.Rating.RoundingDecimals, ts.RateInterval.Rating.RoundingMethod);
            var correction = rounded - cost;
            if (correction != 0)
            {
                ts.RoundIncrement = new Increment(Usage.Zero, correction, 1, first.BalanceInfo);
                total += correction;
                ts.Cost += correction;
            }
        }
        cc.Cost += total;
    }
}
