using Obol.Accounting;
using Obol.Api;
using Obol.Cdrs;
using Obol.Rals;
using Obol.Rating;

namespace Obol.CdrServer;

/// <summary>
/// Rates a CDR the way CDRs do it without a session (engine/cdrs.go getCostFromRater): <c>*prepaid</c>,
/// <c>*pseudoprepaid</c> and <c>*postpaid</c> debit the account (rounding applied, going negative when credit runs
/// out), <c>*rated</c> only prices, <c>*none</c> is left unrated; a CDR that already carries its cost (a session's)
/// keeps it. A rating error leaves Cost -1 with the reason in ExtraInfo, and the CDR is still stored.
/// </summary>
internal sealed class CdrRater(RalsService rals, int roundingDecimals, ISessionCostSource? sessionCosts = null)
{
    private static readonly HashSet<string> s_debited = new(StringComparer.Ordinal) { "*prepaid", "*pseudoprepaid", "*postpaid", "*dynaprepaid" };

    public const string CostSourceCdrs = "*cdrs";

    public const string CostSourceSessions = "*sessions";

    public async ValueTask RateAsync(Cdr cdr, CancellationToken cancellationToken)
    {
        if (cdr.RequestType == "*none" || (cdr.CostDetails is not null && cdr.IsRated))
        {
            return;
        }
        cdr.ExtraInfo = "";
        if (sessionCosts is not null && cdr.RequestType is "*prepaid" or "*dynaprepaid"
            && await sessionCosts.GetSessionCostAsync(cdr.Cgrid, cdr.RunId, cancellationToken).ConfigureAwait(false) is { } settled)
        {
            cdr.Cost = settled.Cost;
            cdr.CostDetails = settled.CostDetails;
            cdr.CostSource = CostSourceSessions;
            return;
        }
        var call = Call(cdr);
        CallCost? cost;
        string? error;
        if (s_debited.Contains(cdr.RequestType))
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
            cdr.Cost = Cdr.Unrated;
            cdr.CostDetails = null;
            cdr.ExtraInfo = error ?? Primitives.ErrorCodes.NotFound;
            return;
        }
        var eventCost = EventCostBuilder.FromCallCost(cost, cdr.Cgrid, cdr.RunId, roundingDecimals);
        cdr.Cost = eventCost.Cost ?? cost.Cost;
        cdr.CostDetails = EventCostJson.Write(eventCost).ToString();
        cdr.CostSource = CostSourceCdrs;
    }

    private static CallDescriptor Call(Cdr cdr)
    {
        // CGRateS parity: FreeSWITCH's unanswered calls have no AnswerTime.
        var start = cdr.AnswerTime == Cdr.ZeroTime ? cdr.SetupTime : cdr.AnswerTime;
        var usage = cdr.Usage.Nanoseconds < 0 ? Primitives.Usage.Zero : cdr.Usage;
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
