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
            var filters = new Dictionary<string, string>
            {
                ["DestinationID"] = ts.MatchedDestId,
                ["DestinationPrefix"] = ts.MatchedPrefix,
                ["RatingPlanID"] = ts.RatingPlanId,
                ["Subject"] = ts.MatchedSubject,
            };
            var charge = new ChargingInterval
            {
                CompressFactor = ts.CompressFactor,
                RatingID = RatingIdFor(ec, ts.RateInterval, filters, newId),
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

    /// <summary>EventCost.ratingIDForRateInterval: the id of the rating unit (timing, rates, matched filters) of
    /// <paramref name="ri"/> in the EventCost's tables, an equal entry's or a new one from <paramref name="newId"/>.</summary>
    public static string RatingIdFor(EventCost ec, RateInterval? ri, Dictionary<string, string> filters, Func<string> newId)
    {
        if (ri is null)
        {
            return "";
        }
        var filtersId = IdWithSet(ec.RatingFilters, filters, static (a, b) => a.Count == b.Count && a.All(kv => b.GetValueOrDefault(kv.Key) == kv.Value), newId);
        var timing = new ChargedTiming
        {
            Years = ri.Timing.Years,
            Months = ri.Timing.Months,
            MonthDays = ri.Timing.MonthDays,
            WeekDays = ri.Timing.WeekDays,
            StartTime = ri.Timing.StartTimeText,
        };
        var timingId = IdWithSet(ec.Timings, timing, static (a, b) => a.SameAs(b), newId);
        var ratesId = ri.Rating.Slots.Length == 0 ? "" : IdWithSet(ec.Rates, ri.Rating.Slots, static (a, b) => a.AsSpan().SequenceEqual(b), newId);
        var unit = new RatingUnit(ri.Rating.ConnectFee, ri.Rating.RoundingMethod.ToWire(), ri.Rating.RoundingDecimals, ri.Rating.MaxCost,
            ri.Rating.MaxCostStrategy, timingId, ratesId, filtersId);
        return IdWithSet(ec.Rating, unit, static (a, b) => a == b, newId);
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
