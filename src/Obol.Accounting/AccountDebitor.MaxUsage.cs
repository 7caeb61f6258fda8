using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

internal sealed partial class AccountDebitor
{
    /// <summary>Marks "no limit": accounts allowed to go negative may talk as long as they like.</summary>
    public static readonly Usage Unlimited = new(-1);

    /// <summary>
    /// How much of the requested call the account can pay, from a dry-run debit on a copy (CGRateS parity:
    /// CallDescriptor.getMaxSessionDuration). −1 for AllowNegative accounts, 0 when not even the connect fee is payable.
    /// </summary>
    public (Usage MaxUsage, string? Error) MaxUsage(DebitRequest request, Account original, IReadOnlyDictionary<string, Account> members,
        bool disposable = false)
    {
        if (original.AllowNegative)
        {
            return (Unlimited, null);
        }
        var origCd = request.Call;
        if (origCd.DurationIndex < origCd.Duration)
        {
            origCd.DurationIndex = origCd.Duration;
        }
        if (origCd.ToR.Length == 0)
        {
            origCd.ToR = Meta.Voice;
        }
        // The dry run changes balances: work on copies unless the caller's are throw-away already.
        var account = disposable ? original : original.Clone();
        var clonedMembers = disposable ? members : members.ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        var cd = origCd.Clone();
        var initial = cd.Duration;
        // CGRateS creates *default up front to know its UUID; a dry run only ever creates it for an unpaid connect fee,
        // which ends in 0 below, so looking it up is enough and spares a UUID per question.
        var defaultBalance = account.BalanceMap.GetValueOrDefault(BalanceTypes.Monetary)?.Find(b => b.IsDefault);
        var defaultValue = defaultBalance?.Value ?? 0;
        var dry = new DebitRequest(cd) { BalanceFactorId = request.BalanceFactorId };
        var (cc, error) = DebitCreditBalance(dry, account, clonedMembers, count: false, dryRun: true, goNegative: false);
        if (error is not null)
        {
            return (Usage.Zero, error);
        }
        if (cc!.NegativeConnectFee)
        {
            return (Usage.Zero, null);
        }
        // Increments stay compressed: a run of n counts as n increments, checked in one step.
        SpanOperations.SplitMergedSpans(cc.Timespans);
        long total = 0;
        foreach (var ts in cc.Timespans)
        {
            if (request.MaxRate > 0 && request.MaxRateUnit.Nanoseconds > 0 && ts.RateInterval?.Rating.SlotAt(ts.GroupStart) is { } slot
                && slot.Value / slot.UnitOrDefault().Nanoseconds > request.MaxRate / request.MaxRateUnit.Nanoseconds)
            {
                return (Usage.Min(initial, new Usage(total)), null);
            }
            foreach (var inc in ts.Increments)
            {
                var copies = Math.Max(1, inc.CompressFactor);
                var affordable = copies;
                if (inc.BalanceInfo?.Monetary is { } paid && defaultBalance is not null && paid.Uuid == defaultBalance.Uuid)
                {
                    affordable = CopiesLeavingNonNegative(defaultValue, inc.Cost, copies);
                    defaultValue -= inc.Cost * affordable;
                }
                total += inc.Duration.Nanoseconds * affordable;
                if (total >= initial.Nanoseconds)
                {
                    return (initial, null);
                }
                if (affordable < copies)
                {
                    return (Usage.Min(initial, new Usage(total)), null);
                }
            }
        }
        return (Usage.Min(initial, new Usage(total)), null);
    }

    /// <summary>How many of <paramref name="copies"/> increments costing <paramref name="cost"/> each can come off
    /// <paramref name="value"/>, one after the other, before it goes negative.</summary>
    private static int CopiesLeavingNonNegative(decimal value, decimal cost, int copies)
    {
        if (value - cost < 0)
        {
            return 0;
        }
        return cost <= 0 ? copies : (int)WholeTimes(value, cost, copies);
    }

    /// <summary>
    /// Debits as much of the call as the account can pay (CGRateS parity: CallDescriptor.MaxDebit): shrinks the call
    /// to the max usage, then debits it for real; with ForceDuration a short max usage is INSUFFICIENT_CREDIT.
    /// </summary>
    public (CallCost? Cost, string? Error) MaxDebit(DebitRequest request, Account account, IReadOnlyDictionary<string, Account> members)
    {
        var cd = request.Call;
        var (remaining, error) = MaxUsage(request, account, members);
        if (error is not null && cd.Duration.Nanoseconds > 0)
        {
            return (null, error);
        }
        if (request.ForceDuration && !account.AllowNegative && remaining < cd.Duration)
        {
            return (null, ErrorCodes.InsufficientCredit);
        }
        if (error is not null || remaining.Nanoseconds == 0)
        {
            if (cd.Duration.Nanoseconds == 0)
            {
                return Debit(request, account, members, dryRun: true, goNegative: false);
            }
            return (RatingEngine.NewCallCost(cd, []), null);
        }
        if (remaining.Nanoseconds > 0)
        {
            var initial = cd.Duration;
            cd.TimeEnd = cd.TimeStart + NodaTime.Duration.FromNanoseconds(remaining.Nanoseconds);
            cd.DurationIndex -= initial - remaining;
        }
        return Debit(request, account, members, dryRun: false, goNegative: !request.DenyNegativeAccount);
    }
}
