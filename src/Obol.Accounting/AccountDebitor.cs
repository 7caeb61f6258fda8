using System.Collections.Concurrent;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// Charges rated calls to accounts with CGRateS's rules (engine/account.go debitCreditBalance, engine/calldesc.go debit):
/// unit balances first, then money, each in selection order, then the unpaid rest onto <c>*default</c>. Works on
/// accounts the caller has loaded and locked; saving them is the caller's job.
/// </summary>
internal sealed partial class AccountDebitor(RatingEngine rating, AccountingOptions options, IAccountTriggers triggers,
    ISharedGroupSource sharedGroups, Func<string> newUuid)
{
    private static readonly ConcurrentDictionary<long, RateInterval> s_zeroRated = new();
    private static readonly bool[] s_unitsThenMoney = [true, false];

    private readonly AccountingOptions _options = options;
    private readonly IAccountTriggers _triggers = triggers;
    private readonly Func<string> _newUuid = newUuid;
    private readonly BalanceSelection _selection = new(rating.Data, sharedGroups);

    public RatingEngine Rating { get; } = rating;

    /// <summary>CGRateS parity: CallDescriptor.debit — debit, total the cost, compress, and with PerformRounding
    /// apply the rating rounding to the balances.</summary>
    public (CallCost? Cost, string? Error) Debit(DebitRequest request, Account account, IReadOnlyDictionary<string, Account> members,
        bool dryRun, bool goNegative)
    {
        var cd = request.Call;
        if (cd.Duration.Nanoseconds == 0)
        {
            return (Rating.RateSpans(cd).CallCost is { Cost: >= 0 } empty ? empty : RatingEngine.NewCallCost(cd, []), null);
        }
        if (cd.ToR.Length == 0)
        {
            cd.ToR = Meta.Voice;
        }
        var (cc, error) = DebitCreditBalance(request, account, members, count: !dryRun, dryRun, goNegative);
        if (error is not null)
        {
            return (null, error);
        }
        SpanOperations.UpdateCost(cc!, _options.RoundingDecimals);
        cc!.Timespans = SpanOperations.Compress(cc.Timespans);
        if (request.PerformRounding)
        {
            SpanOperations.Round(cc, _options.RoundingDecimals);
            RefundRounding(cc, account, members);
        }
        return (cc, null);
    }

    private (CallCost? Cost, string? Error) DebitCreditBalance(DebitRequest request, Account account,
        IReadOnlyDictionary<string, Account> members, bool count, bool dryRun, bool goNegative)
    {
        var cd = request.Call;
        var units = _selection.Usable(account, cd.Destination, cd.Category, cd.ToR, cd.TimeStart, members);
        var money = _selection.Usable(account, cd.Destination, cd.Category, BalanceTypes.Monetary, cd.TimeStart, members);
        var cc = RatingEngine.NewCallCost(cd, []);
        var again = true;
        while (again)
        {
            again = false;
            foreach (var isUnit in s_unitsThenMoney)
            {
                var balances = isUnit ? units : money;
                var retry = true;
                while (retry)
                {
                    retry = false;
                    foreach (var balance in balances)
                    {
                        var (part, error) = DebitBalance(request, balance, money, count, dryRun, cc.Timespans.Count == 0, isUnit);
                        if (error is not null)
                        {
                            return (null, error);
                        }
                        if (part is not null)
                        {
                            cc.Timespans.AddRange(part.Timespans);
                            cc.NegativeConnectFee = part.NegativeConnectFee;
                            cd.TimeStart = cc.EndTime!.Value;
                            if (cd.Duration.Nanoseconds <= 0)
                            {
                                return (cc, null);
                            }
                            retry = true;
                            again = true;
                            if (dryRun && part.MaxCostDisconnect)
                            {
                                cc.MaxCostDisconnect = true;
                                return (cc, null);
                            }
                        }
                        if (balance.Blocker)
                        {
                            if (cd.Duration.Nanoseconds != 0)
                            {
                                return dryRun ? (cc, null) : (null, ErrorCodes.InsufficientCreditBalanceBlocker);
                            }
                            return (cc, null);
                        }
                    }
                }
            }
        }
        // CGRateS resets the rating infos when a balance rated with its own subject; the rest is always rated afresh here.
        ChargeRest(request, account, cc, money, count, dryRun, goNegative);
        return (cc, null);
    }

    /// <summary>What no balance paid: free rests are appended, priced rests go onto <c>*default</c> when allowed
    /// (CGRateS parity: the leftCC part of debitCreditBalance).</summary>
    private void ChargeRest(DebitRequest request, Account account, CallCost cc, List<Balance> money, bool count, bool dryRun, bool goNegative)
    {
        var cd = request.Call;
        var left = Rating.RateSpans(cd);
        if (left.CallCost is not { } leftCc || !left.IsSuccess)
        {
            // CGRateS logs and leaves the rest uncharged when it cannot be rated.
            return;
        }
        if (leftCc.Cost == 0 && leftCc.Timespans.Count > 0)
        {
            foreach (var ts in leftCc.Timespans)
            {
                for (var i = 0; i < ts.Increments.Length; i++)
                {
                    ts.Increments[i].BalanceInfo = (ts.Increments[i].BalanceInfo ?? new DebitInfo(null, null, "")) with { AccountId = account.Id };
                }
            }
            cc.Timespans.AddRange(leftCc.Timespans);
            return;
        }
        if (leftCc.Cost <= 0 || !goNegative)
        {
            return;
        }
        // Decompressed before joining the call cost, so merged spans are not lost (CGRateS appends first).
        SpanOperations.Decompress(leftCc.Timespans);
        var first = cc.Timespans.Count == 0;
        cc.Timespans.AddRange(leftCc.Timespans);
        var (feePaid, feeBalance) = first ? DebitConnectionFee(account, cc, money, count, block: true) : (false, null);
        var defaultBalance = account.DefaultMoneyBalance(_newUuid);
        DebitInfo? last = null;
        for (var tsIndex = 0; tsIndex < leftCc.Timespans.Count; tsIndex++)
        {
            var ts = leftCc.Timespans[tsIndex];
            var feeFirst = tsIndex == 0 && ts.RateInterval is { Rating.ConnectFee: > 0 } && cc.DeductConnectFee && feePaid;
            if (feeFirst)
            {
                PrependConnectFee(ts, ts.RateInterval!.Rating.ConnectFee, feeBalance!, account.Id);
            }
            for (var i = 0; i < ts.Increments.Length; i++)
            {
                if (feeFirst && i == 0)
                {
                    continue;
                }
                ref var inc = ref ts.Increments[i];
                defaultBalance.SubtractValue(inc.Cost, _options.RoundingDecimals);
                inc.BalanceInfo = Share(ref last, new DebitInfo(null, new MonetaryDebit(defaultBalance.Uuid, defaultBalance.ID, null), account.Id));
                if (count)
                {
                    var counted = new Balance { DestinationIDs = StringMap.Of([leftCc.Destination]) };
                    counted.LoadValue(inc.Cost);
                    _triggers.CountUnits(account, inc.Cost, BalanceTypes.Monetary, new CounterContext(leftCc.Category, leftCc.Destination), counted);
                }
            }
        }
    }

    /// <summary>The balance's own price: its rating subject when it has a real one, else the call's (CGRateS parity:
    /// Balance.GetCost with getStandardIfEmpty).</summary>
    private (CallCost? Cost, string? Error) BalanceCost(CallDescriptor cd, Balance b)
    {
        if (b.RatingSubject.Length > 0 && !b.RatingSubject.StartsWith("*zero", StringComparison.Ordinal))
        {
            var (subject, accountName) = (cd.Subject, cd.Account);
            cd.Subject = b.RatingSubject;
            cd.Account = b.RatingSubject;
            var priced = Rating.RateSpans(cd);
            (cd.Subject, cd.Account) = (subject, accountName);
            return (priced.CallCost, priced.Error);
        }
        var result = Rating.RateSpans(cd);
        return (result.CallCost, result.Error);
    }

    /// <summary>The increment of a <c>*zero&lt;dur&gt;</c> rating subject (or the configured default for unit balances
    /// without one); null when the balance is priced (CGRateS parity: utils.ParseZeroRatingSubject).</summary>
    private Usage? ZeroRatingIncrement(string tor, string ratingSubject, bool isUnit)
    {
        var subject = ratingSubject.Trim();
        if (!isUnit && subject.Length == 0)
        {
            return null;
        }
        if (subject.Length == 0 || subject == Meta.Any)
        {
            subject = _options.BalanceRatingSubject.GetValueOrDefault(tor) ?? _options.BalanceRatingSubject.GetValueOrDefault(Meta.Any) ?? "";
        }
        if (!subject.StartsWith("*zero", StringComparison.Ordinal))
        {
            return null;
        }
        return Usage.TryParse(subject.AsSpan(5), out var increment) && increment.Nanoseconds > 0 ? increment : null;
    }

    private static RateInterval ZeroRatedInterval(Usage increment) =>
        s_zeroRated.GetOrAdd(increment.Nanoseconds, static ns => new RateInterval(Timing.Any,
            new RateTable("", 0, RoundingMethod.None, 0, 0, "", [new RateSlot(Usage.Zero, 0, new Usage(ns), new Usage(ns))]), 0));

    /// <summary>CGRateS parity: Balance.getMatchingPrefixAndDestID.</summary>
    private (string Prefix, string DestinationId) MatchingPrefix(Balance b, string destination)
    {
        if (!b.DestinationIDs.IsRestrictive)
        {
            return ("", "");
        }
        foreach (var match in Rating.Data.MatchDestination(destination))
        {
            foreach (var id in match.Value.DestinationIds)
            {
                if (b.DestinationIDs.GetValueOrDefault(id))
                {
                    return (match.Value.Prefix, id);
                }
            }
        }
        return ("", "");
    }
}
