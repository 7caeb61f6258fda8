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
        var ec = new EventCost { CGRID = cgrId, RunID = runId, AccountSummary = cc.AccountSummary };
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
        EventCostAccounting.Fill(ec, cc, newId);
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
    private static string FiltersId(EventCost ec, RatingSpan ts, Func<string> newId) =>
        IdWithSet(ec.RatingFilters, ts, static (existing, ts) => existing.Count == 4
                && existing.GetValueOrDefault("DestinationID") == ts.MatchedDestId
                && existing.GetValueOrDefault("DestinationPrefix") == ts.MatchedPrefix
                && existing.GetValueOrDefault("RatingPlanID") == ts.RatingPlanId && existing.GetValueOrDefault("Subject") == ts.MatchedSubject,
            static ts => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["DestinationID"] = ts.MatchedDestId,
                ["DestinationPrefix"] = ts.MatchedPrefix,
                ["RatingPlanID"] = ts.RatingPlanId,
                ["Subject"] = ts.MatchedSubject,
            }, newId);

    private static string RatingIdFor(EventCost ec, RateInterval ri, string filtersId, Func<string> newId)
    {
        var rating = ri.Rating;
        var timingId = IdWithSet(ec.Timings, ri.Timing, static (t, timing) => t.Years.AsSpan().SequenceEqual(timing.Years)
                && t.Months.AsSpan().SequenceEqual(timing.Months) && t.MonthDays.AsSpan().SequenceEqual(timing.MonthDays)
                && t.WeekDays.AsSpan().SequenceEqual(timing.WeekDays) && t.StartTime == timing.StartTimeText,
            static timing => new ChargedTiming
            {
                Years = timing.Years,
                Months = timing.Months,
                MonthDays = timing.MonthDays,
                WeekDays = timing.WeekDays,
                StartTime = timing.StartTimeText,
            }, newId);
        var ratesId = rating.Slots.Length == 0 ? ""
            : IdWithSet(ec.Rates, rating.Slots, static (a, b) => a.AsSpan().SequenceEqual(b), static slots => slots, newId);
        var unit = (Rating: rating, RoundingMethod: rating.RoundingMethod.ToWire(), TimingId: timingId, RatesId: ratesId, FiltersId: filtersId);
        return IdWithSet(ec.Rating, unit, static (u, x) => u.ConnectFee == x.Rating.ConnectFee && u.RoundingMethod == x.RoundingMethod
                && u.RoundingDecimals == x.Rating.RoundingDecimals && u.MaxCost == x.Rating.MaxCost
                && u.MaxCostStrategy == x.Rating.MaxCostStrategy && u.TimingID == x.TimingId && u.RatesID == x.RatesId
                && u.RatingFiltersID == x.FiltersId,
            static x => new RatingUnit(x.Rating.ConnectFee, x.RoundingMethod, x.Rating.RoundingDecimals, x.Rating.MaxCost,
                x.Rating.MaxCostStrategy, x.TimingId, x.RatesId, x.FiltersId), newId);
    }

    /// <summary>CGRateS parity: GetIDWithSet — reuse the id of an entry equal to what <paramref name="key"/> describes,
    /// else store <paramref name="create"/>'s under a new id. The comparison reads the key itself, so an entry is
    /// allocated only when none matches.</summary>
    private static string IdWithSet<T, TKey>(Dictionary<string, T> table, TKey key, Func<T, TKey, bool> matches, Func<TKey, T> create,
        Func<string> newId)
    {
        foreach (var (id, existing) in table)
        {
            if (matches(existing, key))
            {
                return id;
            }
        }
        return Add(table, create(key), newId);
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
