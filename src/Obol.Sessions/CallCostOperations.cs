using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>The CallCost edits SessionS does: merge debits, trim at the final usage, round per span.</summary>
internal static class CallCostOperations
{
    /// <summary>
    /// Appends <paramref name="next"/>'s spans to <paramref name="into"/> as EventCost.Merge does: a span that continues
    /// the last one at the same rate, paid the same way, is absorbed into it (its increments compressed), so a call debited
    /// every few seconds stays one span — its memory does not grow with the call, and the rating rounding at the end
    /// applies once to the whole span, as CGRateS rounds the merged charging interval.
    /// </summary>
    public static void Merge(CallCost into, CallCost next)
    {
        foreach (var span in next.Timespans)
        {
            if (into.Timespans.Count == 0 || !TryAbsorb(into.Timespans[^1], span))
            {
                into.Timespans.Add(span);
            }
        }
        into.Cost += next.Cost;
        // EventCost.Merge: the latest debit's summary, each balance's Initial kept from the first.
        into.AccountSummary = next.AccountSummary?.WithInitialValuesOf(into.AccountSummary) ?? into.AccountSummary;
    }

    private static bool TryAbsorb(RatingSpan last, RatingSpan span)
    {
        if (last.CompressFactor != 1 || span.CompressFactor != 1 || last.TimeEnd != span.TimeStart || last.Increments.Length == 0
            || span.RoundIncrement is not null || last.RoundIncrement is not null
            || last.RatingPlanId != span.RatingPlanId || last.MatchedDestId != span.MatchedDestId || last.MatchedSubject != span.MatchedSubject
            || last.MatchedPrefix != span.MatchedPrefix || !RatesMatch(last.RateInterval, span.RateInterval))
        {
            return false;
        }
        var tail = last.Increments[^1];
        if (span.Increments.Any(i => !tail.SameAs(i)))
        {
            return false;
        }
        // A new array: the absorbed span's increments may be shared with a journaled copy of an earlier debit.
        last.Increments = [.. last.Increments[..^1],
            new Increment(tail.Duration, tail.Cost, tail.CompressFactor + span.Increments.Sum(i => i.CompressFactor), tail.BalanceInfo)];
        last.TimeEnd = span.TimeEnd;
        last.DurationIndex = span.DurationIndex;
        last.Cost += span.Cost;
        return true;
    }

    private static bool RatesMatch(RateInterval? a, RateInterval? b) => a is null ? b is null : ReferenceEquals(a, b) || a.EquivalentTo(b);

    /// <summary>
    /// Keeps every increment up to and including the one containing <paramref name="atUsage"/> (increments are never split,
    /// as EventCost.Trim) and returns the rest, which the caller refunds. Compressed increments are split by count.
    /// </summary>
    public static List<Increment> Trim(CallCost cost, Usage atUsage)
    {
        var surplus = new List<Increment>();
        var elapsed = Usage.Zero;
        var keptSpans = new List<RatingSpan>();
        foreach (var span in cost.Timespans)
        {
            var kept = new List<Increment>();
            var keptDuration = Usage.Zero;
            foreach (var inc in span.Increments)
            {
                var keep = KeepCount(inc, elapsed, atUsage);
                if (keep > 0)
                {
                    kept.Add(new Increment(inc.Duration, inc.Cost, keep, inc.BalanceInfo));
                    keptDuration += inc.Duration * keep;
                    elapsed += inc.Duration * keep;
                }
                if (keep < inc.CompressFactor)
                {
                    surplus.Add(new Increment(inc.Duration, inc.Cost, inc.CompressFactor - keep, inc.BalanceInfo));
                }
            }
            if (kept.Count == 0)
            {
                continue;
            }
            var removed = span.Duration - keptDuration;
            span.Increments = [.. kept];
            span.TimeEnd = span.TimeStart + Duration.FromNanoseconds(keptDuration.Nanoseconds);
            span.DurationIndex -= removed;
            span.Cost = kept.Sum(i => i.TotalCost);
            keptSpans.Add(span);
        }
        cost.Timespans = keptSpans;
        cost.Cost = keptSpans.Sum(s => s.Cost);
        return surplus;
    }

    private static int KeepCount(in Increment inc, Usage elapsed, Usage atUsage)
    {
        if (inc.Duration.Nanoseconds == 0)
        {
            return elapsed < atUsage || elapsed.Nanoseconds == 0 ? inc.CompressFactor : 0;
        }
        if (elapsed >= atUsage)
        {
            return 0;
        }
        var needed = (atUsage - elapsed).Nanoseconds;
        var count = (needed + inc.Duration.Nanoseconds - 1) / inc.Duration.Nanoseconds;
        return (int)Math.Min(count, inc.CompressFactor);
    }

    /// <summary>
    /// CallCost.Round: each span paid from a monetary balance is rounded with its rate's rounding; the correction becomes the
    /// span's RoundIncrement and is added to the costs. Returns the round increments for <c>RefundRounding</c>.
    /// </summary>
    public static List<Increment> Round(CallCost cost)
    {
        var corrections = new List<Increment>();
        foreach (var span in cost.Timespans)
        {
            if (span.RateInterval is not { } ri || span.Increments.Length == 0)
            {
                continue;
            }
            var first = span.Increments[0];
            if (first.BalanceInfo?.Monetary is null || first.Cost == 0)
            {
                continue;
            }
            var rounded = Rounding.Round(span.Cost, ri.Rating.RoundingDecimals, ri.Rating.RoundingMethod);
            var correction = rounded - span.Cost;
            if (correction == 0)
            {
                continue;
            }
            var roundIncrement = new Increment(Usage.Zero, correction, 1, first.BalanceInfo);
            span.RoundIncrement = roundIncrement;
            span.Cost += correction;
            cost.Cost += correction;
            corrections.Add(roundIncrement);
        }
        return corrections;
    }
}
