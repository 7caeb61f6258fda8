using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// Converts a <see cref="CallCost"/> into an <see cref="EventCost"/> (CGRateS parity: NewEventCostFromCallCost), sharing
/// equal rating units, rate tables, timings and matched filters under one generated id each.
/// </summary>
public static class EventCostBuilder
{
    /// <summary>CGRateS's ids are 7 hex characters of a random UUID's SHA-1 (utils.UUIDSha1Prefix): random labels local to
    /// one report, so a fast generator will do where a UUID would cost a system call each.</summary>
    public static string RandomId() => Random.Shared.Next(0x10000000).ToString("x7", System.Globalization.CultureInfo.InvariantCulture);

    public static EventCost FromCallCost(CallCost cc, string cgrId, string runId, int roundingDecimals, Func<string>? newId = null)
    {
        newId ??= RandomId;
        var ec = new EventCost { CGRID = cgrId, RunID = runId };
        if (cc.Timespans.Count > 0)
        {
            ec.StartTime = cc.Timespans[0].TimeStart.InZone(cc.TimeZone).ToOffsetDateTime();
        }
        else
        {
            ec.StartTime = GoTime.Zero.ToOffsetDateTime();
        }
        foreach (var ts in cc.Timespans)
        {
            var charge = new ChargingInterval
            {
                CompressFactor = ts.CompressFactor,
                RatingID = RatingIdFor(ec, ts.RateInterval, ts, newId),
            };
            foreach (var inc in ts.Increments)
            {
                charge.Increments.Add(new ChargingIncrement(inc.Duration, inc.Cost, "", inc.CompressFactor));
            }
            if (ts.RoundIncrement is { } round)
            {
                charge.Increments.Add(new ChargingIncrement(round.Duration, round.Cost, "", round.CompressFactor));
            }
            ec.Charges.Add(charge);
        }
        ec.Compute(roundingDecimals);
        return ec;
    }

    /// <summary>
    /// EventCost.ratingIDForRateInterval: the id of the rating unit of <paramref name="ri"/> (its timing and rates) with
    /// the filters <paramref name="ts"/> matched, in the EventCost's tables: an equal entry's, or a new one from
    /// <paramref name="newId"/>. <paramref name="ri"/> is the span's own, or that of a balance which paid part of it.
    /// </summary>
    public static string RatingIdFor(EventCost ec, RateInterval? ri, RatingSpan ts, Func<string> newId) =>
        ri is null ? "" : RatingIdFor(ec, ri, FiltersId(ec, ts, newId), newId);

    // Timespans of one call mostly share their filters: compared field by field, a map is built only for new ones.
    private static string FiltersId(EventCost ec, RatingSpan ts, Func<string> newId)
    {
        foreach (var (id, existing) in ec.RatingFilters)
        {
            if (existing.Count == 4 && existing.GetValueOrDefault("DestinationID") == ts.MatchedDestId
                && existing.GetValueOrDefault("DestinationPrefix") == ts.MatchedPrefix
                && existing.GetValueOrDefault("RatingPlanID") == ts.RatingPlanId && existing.GetValueOrDefault("Subject") == ts.MatchedSubject)
            {
                return id;
            }
        }
        return Add(ec.RatingFilters, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DestinationID"] = ts.MatchedDestId,
            ["DestinationPrefix"] = ts.MatchedPrefix,
            ["RatingPlanID"] = ts.RatingPlanId,
            ["Subject"] = ts.MatchedSubject,
        }, newId);
    }

    // The rating unit: compared field by field before one is allocated.
    private static string RatingIdFor(EventCost ec, RateInterval ri, string filtersId, Func<string> newId)
    {
        var timingId = TimingId(ec, ri.Timing, newId);
        var ratesId = ri.Rating.Slots.Length == 0 ? "" : IdWithSet(ec.Rates, ri.Rating.Slots, static (a, b) => a.AsSpan().SequenceEqual(b), newId);
        var roundingMethod = ri.Rating.RoundingMethod.ToWire();
        foreach (var (id, u) in ec.Rating)
        {
            if (u.ConnectFee == ri.Rating.ConnectFee && u.RoundingMethod == roundingMethod && u.RoundingDecimals == ri.Rating.RoundingDecimals
                && u.MaxCost == ri.Rating.MaxCost && u.MaxCostStrategy == ri.Rating.MaxCostStrategy && u.TimingID == timingId
                && u.RatesID == ratesId && u.RatingFiltersID == filtersId)
            {
                return id;
            }
        }
        return Add(ec.Rating, new RatingUnit(ri.Rating.ConnectFee, roundingMethod, ri.Rating.RoundingDecimals, ri.Rating.MaxCost,
            ri.Rating.MaxCostStrategy, timingId, ratesId, filtersId), newId);
    }

    private static string TimingId(EventCost ec, Timing timing, Func<string> newId)
    {
        foreach (var (id, t) in ec.Timings)
        {
            if (t.Years.AsSpan().SequenceEqual(timing.Years) && t.Months.AsSpan().SequenceEqual(timing.Months)
                && t.MonthDays.AsSpan().SequenceEqual(timing.MonthDays) && t.WeekDays.AsSpan().SequenceEqual(timing.WeekDays)
                && t.StartTime == timing.StartTimeText)
            {
                return id;
            }
        }
        return Add(ec.Timings, new ChargedTiming
        {
            Years = timing.Years,
            Months = timing.Months,
            MonthDays = timing.MonthDays,
            WeekDays = timing.WeekDays,
            StartTime = timing.StartTimeText,
        }, newId);
    }

    /// <summary>CGRateS parity: GetIDWithSet — reuse the id of an equal entry, else store under a new id.</summary>
    private static string IdWithSet<T>(Dictionary<string, T> table, T value, Func<T, T, bool> equal, Func<string> newId)
    {
        foreach (var (id, existing) in table)
        {
            if (equal(existing, value))
            {
                return id;
            }
        }
        return Add(table, value, newId);
    }

    /// <summary>Stores <paramref name="value"/> under a fresh id from <paramref name="newId"/>, one not yet in
    /// <paramref name="table"/>.</summary>
    public static string Add<T>(Dictionary<string, T> table, T value, Func<string> newId)
    {
        string fresh;
        do
        {
            fresh = newId();
        }
        while (table.ContainsKey(fresh));
        table[fresh] = value;
        return fresh;
    }
}
