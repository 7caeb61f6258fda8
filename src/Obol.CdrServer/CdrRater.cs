using Obol.Accounting;
using Obol.Api;
using Obol.Cdrs;
using Obol.Primitives;
using Obol.Rals;
using Obol.Rating;

namespace Obol.CdrServer;

/// <summary>
/// Rates a CDR the way CDRs do it without a session (engine/cdrs.go rateCDR, getCostFromRater): <c>*prepaid</c>,
/// <c>*pseudoprepaid</c> and <c>*postpaid</c> debit the account (rounding applied, going negative when credit runs
/// out), <c>*rated</c> only prices, <c>*none</c> is left unrated. A debited CDR that already carries CostDetails
/// covering its usage keeps that cost; one covering less is refunded and charged again. A rating error leaves Cost -1
/// with the reason in ExtraInfo, and the CDR is still stored.
/// </summary>
internal sealed class CdrRater(RalsService rals, int roundingDecimals, ISessionCostSource? sessionCosts = null, Action<string>? warn = null)
{
    // CGRateS's AccountableRequestTypes lack *dynaprepaid although getCostFromRater debits it: a re-rated *dynaprepaid
    // CDR would be charged twice there. Here it is refunded and kept like the other debited types.
    private static readonly HashSet<string> s_debited = new(StringComparer.Ordinal) { "*prepaid", "*pseudoprepaid", "*postpaid", "*dynaprepaid" };

    public const string CostSourceCdrs = "*cdrs";

    public const string CostSourceSessions = "*sessions";

    public static bool IsDebited(string requestType) => s_debited.Contains(requestType);

    /// <summary>
    /// Prices <paramref name="cdr"/>, or leaves it as it came (<c>*none</c>). <paramref name="refunded"/>
    /// says its previous cost was just given back: it is charged anew then, not taken from SessionS's record (CGRateS
    /// would take it there and leave the refund as a gift).
    /// </summary>
    public async ValueTask<RateOutcome> RateAsync(Cdr cdr, bool refunded, CancellationToken cancellationToken, StoredEventCost? parsed = null)
    {
        if (!IsDebited(cdr.RequestType))
        {
            cdr.CostDetails = null; // only a debit's cost details are kept: anything else is priced again
        }
        if (cdr.RequestType == Meta.None)
        {
            return RateOutcome.Left;
        }
        cdr.ExtraInfo = "";
        if (!refunded && cdr.CostDetails is null && sessionCosts is not null && cdr.RequestType is "*prepaid" or "*dynaprepaid"
            && await sessionCosts.GetSessionCostAsync(cdr.Cgrid, cdr.RunId, cancellationToken).ConfigureAwait(false) is { } settled)
        {
            cdr.Cost = settled.Cost;
            cdr.CostDetails = settled.CostDetails;
            cdr.CostSource = settled.CostSource;
            return RateOutcome.Priced;
        }
        if (cdr.CostDetails is { } details)
        {
            if (parsed is null && cdr.KnownCost(out var covered, out var knownCost) && Math.Max(cdr.Usage.Nanoseconds, 0) <= covered.Nanoseconds)
            {
                cdr.Cost = knownCost;
                return RateOutcome.Priced;
            }
            var stored = parsed;
            if (stored is null && !StoredEventCost.TryParse(details, roundingDecimals, out stored, out var parseError))
            {
                return Fail(cdr, parseError);
            }
            var usage = cdr.Usage.Nanoseconds < 0 ? 0 : cdr.Usage.Nanoseconds;
            if (usage <= stored.Usage.Nanoseconds)
            {
                cdr.Cost = stored.Cost;
                return RateOutcome.Priced;
            }
            // The cost covers less than the CDR's usage: give it back and charge the whole usage.
            if (await RefundAsync(stored, cdr.RequestType, cdr.ToR, cancellationToken).ConfigureAwait(false) is { Error: { } refundError })
            {
                return Fail(cdr, refundError);
            }
            cdr.CostDetails = null;
        }
        return await ChargeAsync(cdr, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// False when rating <paramref name="cdr"/> cannot move money: a request type that debits nothing, or CostDetails
    /// (SessionS's cost) covering its usage, which <see cref="RateAsync"/> keeps as it is. <paramref name="parsed"/> is
    /// that cost, for RateAsync to reuse.
    /// </summary>
    public bool MayMoveMoney(Cdr cdr, out StoredEventCost? parsed)
    {
        parsed = null;
        if (!IsDebited(cdr.RequestType))
        {
            return false;
        }
        if (cdr.KnownCost(out var covered, out _))
        {
            return Math.Max(cdr.Usage.Nanoseconds, 0) > covered.Nanoseconds;
        }
        if (cdr.CostDetails is not { } details || !StoredEventCost.TryParse(details, roundingDecimals, out parsed, out _))
        {
            return true;
        }
        return Math.Max(cdr.Usage.Nanoseconds, 0) > parsed.Usage.Nanoseconds;
    }

    /// <summary>
    /// refundEventCost: the increments of <paramref name="costDetails"/> go back to the balances that paid them.
    /// Refunded is false for a request type that debits nothing or a cost without increments; a debited cost whose
    /// payers are unknown is an error, since charging again would charge twice.
    /// </summary>
    public async ValueTask<(bool Refunded, string? Error)> RefundAsync(string? costDetails, string requestType, string tor,
        CancellationToken cancellationToken)
    {
        if (costDetails is null || !IsDebited(requestType))
        {
            return (false, null);
        }
        if (!StoredEventCost.TryParse(costDetails, roundingDecimals, out var stored, out var error))
        {
            return (false, error);
        }
        return await RefundAsync(stored, requestType, tor, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<(bool Refunded, string? Error)> RefundAsync(StoredEventCost stored, string requestType, string tor,
        CancellationToken cancellationToken)
    {
        if (!IsDebited(requestType) || stored.Increments.Count == 0)
        {
            return (false, null);
        }
        if (!stored.Accounted)
        {
            return (false, "CostDetails name no balance to refund");
        }
        // CGRateS's refund CallDescriptor carries no category or destination for the unit counters.
        var warnings = await rals.Accounts.RefundIncrementsAsync(stored.Increments, tor, default, cancellationToken).ConfigureAwait(false);
        foreach (var warning in warnings)
        {
            warn?.Invoke("<CDRs> " + warning);
        }
        return (true, null);
    }

    private async ValueTask<RateOutcome> ChargeAsync(Cdr cdr, CancellationToken cancellationToken)
    {
        var call = Call(cdr);
        CallCost? cost;
        string? error;
        var debited = IsDebited(cdr.RequestType);
        if (debited)
        {
            (cost, error) = await rals.Accounts.DebitAsync(new DebitRequest(call) { PerformRounding = true }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var result = rals.Rating.GetCost(call);
            (cost, error) = (result.CallCost, result.Error);
        }
        if (error is not null || cost is null)
        {
            return Fail(cdr, error ?? ErrorCodes.NotFound);
        }
        var eventCost = EventCostBuilder.FromCallCost(cost, cdr.Cgrid, cdr.RunId, roundingDecimals);
        cdr.Cost = eventCost.Cost ?? cost.Cost;
        cdr.CostDetails = EventCostJson.WriteString(eventCost);
        cdr.CostSource = CostSourceCdrs;
        return debited ? RateOutcome.Charged : RateOutcome.Priced;
    }

    /// <summary>rateCDRWithErr: Cost -1 and the reason. CostDetails a refund could not give back stay, so that the
    /// next re-rating still knows what was charged.</summary>
    private static RateOutcome Fail(Cdr cdr, string error)
    {
        cdr.Cost = Cdr.Unrated;
        cdr.ExtraInfo = error;
        return RateOutcome.Priced;
    }

    private static CallDescriptor Call(Cdr cdr)
    {
        // CGRateS parity: FreeSWITCH's unanswered calls have no AnswerTime.
        var start = cdr.AnswerTime == Cdr.ZeroTime ? cdr.SetupTime : cdr.AnswerTime;
        var usage = cdr.Usage.Nanoseconds < 0 ? Usage.Zero : cdr.Usage;
        return new CallDescriptor
        {
            ToR = cdr.ToR,
            Tenant = cdr.Tenant,
            Category = cdr.Category,
            Subject = cdr.Subject.Length > 0 ? cdr.Subject : cdr.Account,
            Account = cdr.Account,
            Destination = cdr.Destination,
            TimeStart = start,
            TimeEnd = start.PlusNanoseconds(usage.Nanoseconds),
            DurationIndex = usage,
        };
    }
}

/// <summary>What <see cref="CdrRater.RateAsync"/> did: left the CDR alone (<c>*none</c>), priced it (a cost kept,
/// taken from SessionS, computed without a debit, or an error), or charged the account for it just now.</summary>
internal enum RateOutcome
{
    Left,
    Priced,
    Charged,
}
