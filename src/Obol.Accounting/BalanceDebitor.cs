using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// Debits one balance for as much of the call as it can pay (CGRateS parity: engine/balances.go Balance.debit and
/// Account.DebitConnectionFee). Returns the paid part, or null when the balance paid nothing.
/// </summary>
internal sealed partial class AccountDebitor
{
    private (CallCost? Paid, string? Error) DebitBalance(DebitRequest request, Balance b, List<Balance> money, bool count, bool dryRun,
        bool debitConnectFee, bool isUnit)
    {
        var cd = request.Call;
        if (!b.IsActiveAt(cd.TimeStart, cd.TimeZone) || b.Value <= 0)
        {
            return (null, null);
        }
        var tor = isUnit ? cd.ToR : BalanceTypes.Monetary;
        var factor = b.FactorFor(request.BalanceFactorId);
        var owner = b.Owner!;
        if (ZeroRatingIncrement(tor, b.RatingSubject, isUnit) is { } zero)
        {
            return (DebitZeroRated(cd, b, owner, zero, factor, tor, count), null);
        }
        var (cc, error) = BalanceCost(cd, b);
        if (error is not null)
        {
            return (null, error);
        }
        Balance? feeBalance = null;
        var feeDebited = false;
        if (debitConnectFee)
        {
            (feeDebited, feeBalance) = DebitConnectionFee(owner, cc!, money, count, block: true);
            if (!feeDebited)
            {
                return (null, null);
            }
        }
        // A dry run on money keeps runs of equal increments compressed and pays each run in one step: a 3 h question
        // would otherwise walk (and allocate) ten thousand one-second increments.
        var inBulk = dryRun && !count && !isUnit && !cc!.Timespans.Exists(static ts => ts.CompressFactor > 1);
        if (!inBulk)
        {
            SpanOperations.Decompress(cc!.Timespans);
        }
        DebitInfo? last = null;
        for (var tsIndex = 0; tsIndex < cc!.Timespans.Count; tsIndex++)
        {
            var ts = cc.Timespans[tsIndex];
            if (ts.RateInterval is not { } ri)
            {
                return (null, "timespan with no rate interval assigned");
            }
            if (inBulk && !CanPayInBulk(ts, ri))
            {
                ts.Increments = SpanOperations.DecompressIncrements(ts.Increments);
            }
            var feeFirst = tsIndex == 0 && ri.Rating.ConnectFee > 0 && debitConnectFee && cc.DeductConnectFee && feeDebited;
            if (feeFirst)
            {
                PrependConnectFee(ts, ri.Rating.ConnectFee, feeBalance!, owner.Id);
            }
            var (maxCost, strategy) = (ri.Rating.MaxCost, ri.Rating.MaxCostStrategy);
            for (var incIndex = 0; incIndex < ts.Increments.Length; incIndex++)
            {
                if (feeFirst && incIndex == 0)
                {
                    continue;
                }
                ref var inc = ref ts.Increments[incIndex];
                // CGRateS parity: with no max cost (0) this holds from the start; only a strategy gives it effect.
                if (cd.MaxCostSoFar >= maxCost)
                {
                    if (strategy == Meta.MaxCostFree)
                    {
                        inc.Cost = 0;
                        inc.BalanceInfo = Share(ref last, new DebitInfo(null,
                            new MonetaryDebit(b.Uuid, b.ID, b.RatingSubject.Length > 0 || isUnit ? ri : null), owner.Id));
                        if (count)
                        {
                            _triggers.CountUnits(owner, 0, BalanceTypes.Monetary, Context(cc), b);
                        }
                        continue;
                    }
                    cc.MaxCostDisconnect = strategy == Meta.MaxCostDisconnect;
                    if (cc.MaxCostDisconnect && dryRun)
                    {
                        CutAt(cc, tsIndex, incIndex);
                        return (cc, null);
                    }
                }
                if (inc.CompressFactor > 1)
                {
                    var copies = PayCopies(b, inc.Cost, inc.CompressFactor);
                    if (copies == 0)
                    {
                        CutAt(cc, tsIndex, incIndex);
                        return (cc.Timespans.Count == 0 ? null : cc, null);
                    }
                    cd.MaxCostSoFar += inc.Cost * copies;
                    var unpaid = inc with { CompressFactor = inc.CompressFactor - copies };
                    inc.CompressFactor = copies;
                    inc.BalanceInfo = MoneyInfo(ref last, b, b.RatingSubject.Length > 0 ? ri : null, owner);
                    if (unpaid.CompressFactor > 0)
                    {
                        ts.Increments = [.. ts.Increments.AsSpan(0, incIndex + 1), unpaid, .. ts.Increments.AsSpan(incIndex + 1)];
                        CutAt(cc, tsIndex, incIndex + 1);
                        return (cc, null);
                    }
                    continue;
                }
                decimal amount = inc.Duration.Nanoseconds;
                var cost = inc.Cost;
                var canDebit = b.Value >= cost;
                Balance? moneyBalance = null;
                if (isUnit)
                {
                    if (factor != 1)
                    {
                        amount = Rounding.Round(amount * factor, _options.RoundingDecimals, RoundingMethod.Up);
                    }
                    moneyBalance = FirstAbleToPay(money, cost);
                    if (cost != 0 && moneyBalance is null && (!dryRun || owner.AllowNegative))
                    {
                        moneyBalance = owner.DefaultMoneyBalance(_newUuid);
                    }
                    canDebit = b.Value >= amount && (moneyBalance is not null || cost == 0);
                }
                if (!canDebit)
                {
                    CutAt(cc, tsIndex, incIndex);
                    return (cc.Timespans.Count == 0 ? null : cc, null);
                }
                if (isUnit)
                {
                    b.SubtractValue(amount, _options.RoundingDecimals);
                    var unit = new UnitDebit(b.Uuid, b.ID, cc.Destination, amount, factor, cc.Category, cc.ToR, ri);
                    MonetaryDebit? paid = null;
                    if (cost != 0)
                    {
                        moneyBalance!.SubtractValue(cost, _options.RoundingDecimals);
                        paid = new MonetaryDebit(moneyBalance.Uuid, moneyBalance.ID, null);
                        cd.MaxCostSoFar += cost;
                    }
                    inc.BalanceInfo = Share(ref last, new DebitInfo(unit, paid, owner.Id));
                    if (count)
                    {
                        _triggers.CountUnits(owner, amount, cc.ToR, Context(cc), b);
                        if (cost != 0)
                        {
                            _triggers.CountUnits(owner, cost, BalanceTypes.Monetary, Context(cc), moneyBalance);
                        }
                    }
                }
                else
                {
                    b.SubtractValue(cost, _options.RoundingDecimals);
                    cd.MaxCostSoFar += cost;
                    inc.BalanceInfo = MoneyInfo(ref last, b, b.RatingSubject.Length > 0 ? ri : null, owner);
                    if (count)
                    {
                        _triggers.CountUnits(owner, cost, BalanceTypes.Monetary, Context(cc), b);
                    }
                }
            }
        }
        return (!isUnit && cc.Timespans.Count == 0 ? null : cc, null);
    }

    /// <summary>Whether a span's compressed increments can be paid a run at a time with the same result as one by one:
    /// no max-cost strategy looks at each increment, and every cost is exact at the global decimals, so that after the
    /// first increment rounds the balance each further one subtracts exactly.</summary>
    private bool CanPayInBulk(RatingSpan ts, RateInterval ri)
    {
        if (ri.Rating.MaxCostStrategy is Meta.MaxCostFree or Meta.MaxCostDisconnect)
        {
            return false;
        }
        foreach (ref readonly var inc in ts.Increments.AsSpan())
        {
            if (inc.CompressFactor > 1 && (inc.Cost < 0 || decimal.Round(inc.Cost, _options.RoundingDecimals) != inc.Cost))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Pays as many of <paramref name="copies"/> equal increments as <paramref name="b"/> can, in one
    /// subtraction after the first; returns how many it paid.</summary>
    private int PayCopies(Balance b, decimal cost, int copies)
    {
        if (b.Value < cost)
        {
            return 0;
        }
        b.SubtractValue(cost, _options.RoundingDecimals);
        var more = cost == 0 ? copies - 1 : (int)WholeTimes(b.Value, cost, copies - 1);
        if (more > 0)
        {
            b.SubtractValue(cost * more, _options.RoundingDecimals);
        }
        return 1 + more;
    }

    /// <summary>How many times <paramref name="cost"/> (positive) fits in <paramref name="value"/>, at most
    /// <paramref name="limit"/>; exact, whatever the division rounds.</summary>
    internal static decimal WholeTimes(decimal value, decimal cost, decimal limit)
    {
        if (value < cost)
        {
            return 0;
        }
        var n = Math.Min(decimal.Floor(value / cost), limit);
        while (n > 0 && n * cost > value)
        {
            n--;
        }
        while (n < limit && (n + 1) * cost <= value)
        {
            n++;
        }
        return n;
    }

    /// <summary>Consecutive increments paid by the same money balance share one debit info; built only for the first.</summary>
    private static DebitInfo MoneyInfo(ref DebitInfo? last, Balance b, RateInterval? pricedBy, Account owner) =>
        last is { Unit: null, Monetary: { } m } && m.Uuid == b.Uuid && m.RateInterval == pricedBy && last.AccountId == owner.Id
            ? last
            : Share(ref last, new DebitInfo(null, new MonetaryDebit(b.Uuid, b.ID, pricedBy), owner.Id));

    /// <summary>A unit balance whose rating subject is <c>*zero&lt;dur&gt;</c> pays whole increments of that duration at
    /// cost 0 until it runs out (CGRateS parity: the ParseZeroRatingSubject branch of Balance.debit).</summary>
    private CallCost? DebitZeroRated(CallDescriptor cd, Balance b, Account owner, Usage increment, decimal factor, string tor, bool count)
    {
        var cc = RatingEngine.NewCallCost(cd, []);
        var ts = new RatingSpan { TimeStart = cd.TimeStart, TimeEnd = cd.TimeEnd };
        cc.Timespans.Add(ts);
        var duration = ts.Duration;
        var rounded = increment < duration ? Usage.RoundUpToMultiple(increment, duration) : increment;
        if (rounded > duration)
        {
            ts.TimeEnd = ts.TimeStart + NodaTime.Duration.FromNanoseconds(rounded.Nanoseconds);
            ts.DurationIndex += rounded - duration;
        }
        ts.RateInterval = ZeroRatedInterval(increment);
        var (prefix, destinationId) = MatchingPrefix(b, cd.Destination);
        ts.SetRatingIdentity(b.Uuid, prefix.Length == 0 ? cd.Destination : prefix, destinationId.Length == 0 ? Meta.Any : destinationId, Meta.None);
        var n = ts.Duration.Nanoseconds / increment.Nanoseconds;
        var increments = new Increment[n];
        DebitInfo? last = null;
        for (var i = 0; i < n; i++)
        {
            decimal amount = increment.Nanoseconds;
            if (factor != 1)
            {
                amount = Rounding.Round(amount * factor, _options.RoundingDecimals, RoundingMethod.Up);
            }
            if (b.Value < amount)
            {
                if (i == 0)
                {
                    return null;
                }
                ts.Increments = increments;
                SpanOperations.SplitByIncrement(ts, i);
                return cc;
            }
            b.SubtractValue(amount, _options.RoundingDecimals);
            var info = Share(ref last, new DebitInfo(new UnitDebit(b.Uuid, b.ID, cc.Destination, amount, factor, cd.Category, tor, null), null, owner.Id));
            increments[i] = new Increment(increment, 0, 1, info);
            if (count)
            {
                _triggers.CountUnits(owner, amount, tor, Context(cc), b);
            }
        }
        ts.Increments = increments;
        return cc;
    }

    /// <summary>CGRateS parity: Account.DebitConnectionFee — the first active money balance that can pay it does; a
    /// blocker that cannot stops the search; otherwise <c>*default</c> goes negative. The fee is never refunded.</summary>
    private (bool Debited, Balance? PaidBy) DebitConnectionFee(Account account, CallCost cc, List<Balance> money, bool count, bool block)
    {
        if (!cc.DeductConnectFee)
        {
            return (true, null);
        }
        var fee = cc.ConnectFee;
        var start = cc.Timespans.Count > 0 ? cc.Timespans[0].TimeStart : default;
        foreach (var b in money)
        {
            if (!b.IsActiveAt(start, cc.TimeZone))
            {
                continue;
            }
            if (b.Value >= fee)
            {
                b.SubtractValue(fee, _options.RoundingDecimals);
                CountConnectFee(account, cc, b, fee, count);
                return (true, b);
            }
            if (b.Blocker && block)
            {
                return (false, null);
            }
        }
        Balance? paidBy = null;
        if (fee > 0)
        {
            cc.NegativeConnectFee = true;
            paidBy = account.DefaultMoneyBalance(_newUuid);
            paidBy.SubtractValue(fee, _options.RoundingDecimals);
            CountConnectFee(account, cc, paidBy, fee, count);
        }
        return (true, paidBy);
    }

    private void CountConnectFee(Account account, CallCost cc, Balance b, decimal fee, bool count)
    {
        if (count)
        {
            _triggers.CountUnits(account, 1, "*event_connect", Context(cc), b);
            _triggers.CountUnits(account, fee, BalanceTypes.Monetary, Context(cc), b);
        }
    }

    private static Balance? FirstAbleToPay(List<Balance> money, decimal cost)
    {
        foreach (var m in money)
        {
            if (m.Value >= cost)
            {
                return m;
            }
        }
        return null;
    }

    /// <summary>Shows the connect fee as the span's first, zero-usage increment, paid by <paramref name="paidBy"/>.</summary>
    private static void PrependConnectFee(RatingSpan ts, decimal fee, Balance paidBy, string accountId)
    {
        var info = new DebitInfo(null, new MonetaryDebit(paidBy.Uuid, paidBy.ID, null), accountId);
        ts.Increments = [new Increment(Usage.Zero, fee, 1, info), .. ts.Increments];
    }

    /// <summary>Keeps the paid part: spans before <paramref name="tsIndex"/> and that span's increments before
    /// <paramref name="incIndex"/>.</summary>
    private static void CutAt(CallCost cc, int tsIndex, int incIndex)
    {
        if (incIndex == 0)
        {
            cc.Timespans.RemoveRange(tsIndex, cc.Timespans.Count - tsIndex);
            return;
        }
        SpanOperations.SplitByIncrement(cc.Timespans[tsIndex], incIndex);
        cc.Timespans.RemoveRange(tsIndex + 1, cc.Timespans.Count - tsIndex - 1);
    }

    /// <summary>Reuses the previous increment's debit info when equal, so a run of increments holds one instance.</summary>
    private static DebitInfo Share(ref DebitInfo? last, DebitInfo info)
    {
        if (last is not null && last.Equals(info))
        {
            return last;
        }
        last = info;
        return info;
    }

    private static CounterContext Context(CallCost cc) => new(cc.Category, cc.Destination);
}
