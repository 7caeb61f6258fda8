using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// The Accounting half of NewEventCostFromCallCost (engine/eventcost.go newChargingIncrement): each increment a debit
/// paid names a BalanceCharge (account, balance UUID, units, rating) by id. A stored CDR's cost can only be refunded
/// through these. The increments of a charge are the span's, then its rounding increment, as the builder lays them out.
/// </summary>
internal static class EventCostAccounting
{
    public static void Fill(EventCost ec, CallCost cc, Func<string> newId)
    {
        if (ec.Charges.Count != cc.Timespans.Count)
        {
            return;
        }
        for (var i = 0; i < cc.Timespans.Count; i++)
        {
            var ts = cc.Timespans[i];
            var charge = ec.Charges[i];
            var expected = ts.Increments.Length + (ts.RoundIncrement is null ? 0 : 1);
            if (charge.Increments.Count != expected)
            {
                continue;
            }
            for (var j = 0; j < charge.Increments.Count; j++)
            {
                var rounded = j == ts.Increments.Length;
                var increment = rounded ? ts.RoundIncrement!.Value : ts.Increments[j];
                if (AccountingIdFor(ec, increment, ts, rounded, newId) is { } id)
                {
                    charge.Increments[j] = charge.Increments[j] with { AccountingID = id };
                }
            }
        }
    }

    private static string? AccountingIdFor(EventCost ec, Increment increment, RatingSpan ts, bool rounded, Func<string> newId)
    {
        if (increment.BalanceInfo is not { } info)
        {
            return null;
        }
        // The balance's rating unit, with the span's matched filters, shared with the charges' entries.
        string RatingOf(RateInterval? ri) => rounded ? Meta.Rounding : EventCostBuilder.RatingIdFor(ec, ri, ts, newId);
        if (info.Unit is { } unit)
        {
            // The money paying for a unit balance's non-free increment is its extra charge.
            var extra = Meta.None;
            if (info.Monetary is { } paid)
            {
                extra = IdWithSet(ec, newId, new BalanceCharge(info.AccountId, paid.Uuid, RatingOf(paid.RateInterval), increment.Cost, null, ""));
            }
            return IdWithSet(ec, newId, new BalanceCharge(info.AccountId, unit.Uuid, RatingOf(unit.RateInterval), unit.Consumed,
                unit.Factor == 1 ? null : unit.Factor, extra));
        }
        return info.Monetary is { } money
            ? IdWithSet(ec, newId, new BalanceCharge(info.AccountId, money.Uuid, RatingOf(money.RateInterval), increment.Cost, null, ""))
            : null;
    }

    /// <summary>Accounting.GetIDWithSet with BalanceCharge.Equals, which reads an empty ExtraChargeID as <c>*none</c>.</summary>
    private static string IdWithSet(EventCost ec, Func<string> newId, BalanceCharge charge)
    {
        foreach (var (id, existing) in ec.Accounting)
        {
            if (existing.AccountID == charge.AccountID && existing.BalanceUUID == charge.BalanceUUID && existing.RatingID == charge.RatingID
                && existing.Units == charge.Units && (existing.BalanceFactor ?? 0) == (charge.BalanceFactor ?? 0)
                && ExtraId(existing) == ExtraId(charge))
            {
                return id;
            }
        }
        return EventCostBuilder.Add(ec.Accounting, charge, newId);
    }

    private static string ExtraId(BalanceCharge charge) => charge.ExtraChargeID.Length == 0 ? Meta.None : charge.ExtraChargeID;
}
