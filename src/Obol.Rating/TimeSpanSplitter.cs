using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// Cuts a call into spans at rating-plan activations, local midnights, timing edges and rate-group starts, then
/// stretches each span to whole increments (CGRateS parity: CallDescriptor.splitInTimeSpans, TimeSpan.SplitBy*,
/// roundTimeSpansToIncrement).
/// </summary>
internal static class TimeSpanSplitter
{
    [ThreadStatic]
    private static List<RateInterval>? t_sorted;

    [ThreadStatic]
    private static List<RateInterval>? t_selected;

    public static void Split(CallDescriptor cd, List<RatingInfo> infos, List<RatingSpan> spans)
    {
        var zone = cd.TimeZone;
        var first = new RatingSpan { TimeStart = cd.TimeStart, TimeEnd = cd.TimeEnd, DurationIndex = cd.DurationIndex };
        spans.Clear();
        spans.Add(first);
        if (infos.Count == 0)
        {
            return;
        }
        first.SetRatingInfo(infos[0]);
        var voice = cd.ToR == Meta.Voice;
        if (voice)
        {
            SplitByActivations(cd, infos, spans, first);
            for (var i = 0; i < spans.Count; i++)
            {
                var info = spans[i].Info;
                var next = SplitByDay(spans[i], zone);
                if (next is not null)
                {
                    if (info is not null)
                    {
                        next.SetRatingInfo(info);
                    }
                    spans.Insert(i + 1, next);
                }
            }
        }
        var sorted = t_sorted ??= new List<RateInterval>(8);
        var selected = t_selected ??= new List<RateInterval>(8);
        for (var i = 0; i < spans.Count; i++)
        {
            var info = spans[i].Info;
            if (info?.RateIntervals is not { } intervals)
            {
                continue;
            }
            RateIntervalSelection.Select(intervals, spans[i], zone, sorted, selected);
            foreach (var interval in selected)
            {
                var next = SplitByRateInterval(spans[i], interval, zone, dataLike: !voice);
                if (next is not null)
                {
                    next.SetRatingInfo(info);
                    spans.Insert(i + 1, next);
                    if (spans[i].RateInterval is not null)
                    {
                        break;
                    }
                }
            }
        }
        RoundToIncrements(spans);
    }

    // CGRateS parity: the span cut at an activation copies the rating info of the span it was cut from.
    private static void SplitByActivations(CallDescriptor cd, List<RatingInfo> infos, List<RatingSpan> spans, RatingSpan first)
    {
        bool afterStart = false, afterEnd = false;
        foreach (var info in infos)
        {
            if (!afterStart && !afterEnd && info.ActivationTime < cd.TimeStart)
            {
                first.SetRatingInfo(info);
                continue;
            }
            afterStart = true;
            for (var i = 0; i < spans.Count; i++)
            {
                var span = spans[i];
                if (!(info.ActivationTime > span.TimeStart && info.ActivationTime < span.TimeEnd))
                {
                    afterEnd = true;
                    break;
                }
                spans.Add(CutAt(span, info.ActivationTime));
            }
        }
    }

    private static RatingSpan? SplitByDay(RatingSpan span, DateTimeZone zone)
    {
        var start = span.TimeStart.InZone(zone);
        var end = span.TimeEnd.InZone(zone);
        // CGRateS parity: only the day of month is compared, and an end at 00:00:00 needs no cut.
        if (start.Day == end.Day || RateInterval.IsMidnight(span.TimeEnd, zone))
        {
            return null;
        }
        var midnight = ZoneTime.ToInstant(start.Date.PlusDays(1).AtMidnight(), zone);
        return CutAt(span, midnight);
    }

    private static RatingSpan? SplitByRateInterval(RatingSpan span, RateInterval interval, DateTimeZone zone, bool dataLike)
    {
        var startInside = interval.Contains(span.TimeStart, zone, endTime: false);
        var endInside = interval.Contains(span.TimeEnd, zone, endTime: true);
        if (!startInside && !endInside)
        {
            return null;
        }
        var groupStart = span.GroupStart;
        var groupEnd = span.DurationIndex;
        foreach (var slot in interval.Rating.Slots)
        {
            if (groupStart < slot.GroupIntervalStart && groupEnd > slot.GroupIntervalStart)
            {
                SetRateInterval(span, interval, zone);
                var cut = span.TimeStart + Duration.FromNanoseconds((slot.GroupIntervalStart - groupStart).Nanoseconds);
                var next = CutAt(span, cut);
                SetRateInterval(next, interval, zone);
                return next;
            }
        }
        if (dataLike)
        {
            if (startInside)
            {
                SetRateInterval(span, interval, zone);
            }
            return null;
        }
        if (startInside && endInside)
        {
            SetRateInterval(span, interval, zone);
            return null;
        }
        if (startInside)
        {
            var cut = interval.Timing.RightMargin(span.TimeStart, zone);
            SetRateInterval(span, interval, zone);
            return cut == span.TimeStart || cut == span.TimeEnd ? null : CutAt(span, cut);
        }
        var left = CopyHour(interval.Timing.LeftMargin(span.TimeEnd, zone), span.TimeStart, zone);
        if (left == span.TimeEnd)
        {
            return null;
        }
        var tail = CutAt(span, left);
        SetRateInterval(tail, interval, zone);
        return tail;
    }

    /// <summary>Ends <paramref name="span"/> at <paramref name="cut"/> and returns the rest, carrying the rating info
    /// and the duration index (CGRateS's split pattern followed by SetNewDurationIndex).</summary>
    private static RatingSpan CutAt(RatingSpan span, Instant cut)
    {
        var next = new RatingSpan { TimeStart = cut, TimeEnd = span.TimeEnd, DurationIndex = span.DurationIndex };
        next.CopyRatingInfo(span);
        span.TimeEnd = cut;
        span.ShrinkDurationIndexBefore(next);
        return next;
    }

    /// <summary>CGRateS parity: utils.CopyHour — the time of day of <paramref name="source"/> on the date of
    /// <paramref name="target"/>, unless the source is at 00:00:00.</summary>
    private static Instant CopyHour(Instant source, Instant target, DateTimeZone zone)
    {
        var src = source.InZone(zone);
        if (src.Hour == 0 && src.Minute == 0 && src.Second == 0)
        {
            return source;
        }
        return ZoneTime.ToInstant(target.InZone(zone).Date.At(src.TimeOfDay), zone);
    }

    private static void SetRateInterval(RatingSpan span, RateInterval interval, DateTimeZone zone)
    {
        if (!HasBetterRateIntervalThan(span, interval, zone))
        {
            span.RateInterval = interval;
        }
    }

    // CGRateS parity: TimeSpan.hasBetterRateIntervalThan (its final price comparison returns true either way).
    private static bool HasBetterRateIntervalThan(RatingSpan span, RateInterval interval, DateTimeZone zone)
    {
        var otherDistance = span.TimeStart - interval.Timing.LeftMargin(span.TimeStart, zone);
        if (otherDistance < Duration.Zero)
        {
            return true;
        }
        if (span.RateInterval is not { } own)
        {
            return false;
        }
        if (own.Weight < interval.Weight)
        {
            return false;
        }
        var ownDistance = span.TimeStart - own.Timing.LeftMargin(span.TimeStart, zone);
        return ownDistance <= otherDistance;
    }

    private static void RoundToIncrements(List<RatingSpan> spans)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.RateInterval?.Rating.SlotAt(span.GroupStart) is not { } slot)
            {
                continue;
            }
            var increment = slot.IncrementOrDefault();
            var duration = span.Duration;
            if (increment < duration)
            {
                increment = Usage.RoundUpToMultiple(increment, duration);
            }
            if (increment > duration)
            {
                span.TimeEnd = span.TimeStart + Duration.FromNanoseconds(increment.Nanoseconds);
                span.DurationIndex += increment - duration;
                RemoveOverlappedFrom(spans, i);
            }
        }
    }

    // CGRateS parity: TimeSpans.RemoveOverlapedFromIndex.
    private static void RemoveOverlappedFrom(List<RatingSpan> spans, int index)
    {
        var span = spans[index];
        var endOverlap = index;
        for (var i = index + 1; i < spans.Count; i++)
        {
            if (spans[i].TimeEnd <= span.TimeEnd)
            {
                endOverlap = i;
            }
            else if (spans[i].TimeStart < span.TimeEnd)
            {
                spans[i].TimeStart = span.TimeEnd;
                break;
            }
        }
        if (endOverlap > index)
        {
            spans.RemoveRange(index + 1, endOverlap - index);
        }
    }
}
