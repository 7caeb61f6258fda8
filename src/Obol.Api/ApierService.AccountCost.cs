using NodaTime;
using Obol.Accounting;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>APIerSv1.GetAccountCost (apier/v1/costs.go): what an event would cost its account, debited as a dry run.</summary>
public sealed partial class ApierService
{
    private void RegisterAccountCost(JsonRpcDispatcher dispatcher) =>
        dispatcher.Add<CgrEvent, WrittenJson>("APIerSv1.GetAccountCost", GetAccountCostAsync);

    private async ValueTask<RpcResult<WrittenJson>> GetAccountCostAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<WrittenJson>(invalid);
        }
        var (cd, error) = CallOf(ev);
        if (error is not null)
        {
            return RpcResult.Fail<WrittenJson>(error);
        }
        var (cost, debitError) = await rals.Accounts.DebitAsync(new DebitRequest(cd!) { DryRun = true }, ct).ConfigureAwait(false);
        if (debitError is not null || cost is null)
        {
            return RpcResult.Fail<WrittenJson>(ErrorCodes.ServerErrorWith(debitError ?? ErrorCodes.ServerError));
        }
        return EventCostJson.Deferred(EventCostBuilder.FromCallCost(cost, "", "", rals.Rating.Options.RoundingDecimals));
    }

    /// <summary>NewCallDescriptorFromCGREvent: Account, Destination, SetupTime and Usage must be there (NOT_FOUND
    /// otherwise), Subject defaults to Account, a non-zero AnswerTime starts the call.</summary>
    private (CallDescriptor? Call, string? Error) CallOf(CgrEvent ev)
    {
        var now = clock.GetCurrentInstant();
        if (ev.FieldAsString(EventFields.Account) is not { } account || ev.FieldAsString(EventFields.Destination) is not { } destination
            || !ev.Event.TryGetValue(EventFields.SetupTime, out var setup) || !ev.Event.TryGetValue(EventFields.Usage, out var usageValue))
        {
            return (null, ErrorCodes.NotFound);
        }
        if (!EventValues.TryAsTime(setup, defaultZone, now, out var start, out var timeError))
        {
            return (null, timeError);
        }
        if (ev.Event.TryGetValue(EventFields.AnswerTime, out var answered))
        {
            if (!EventValues.TryAsTime(answered, defaultZone, now, out var answer, out timeError))
            {
                return (null, timeError);
            }
            if (answer != GoTime.Zero.ToInstant())
            {
                start = answer;
            }
        }
        if (!EventValues.TryAsUsage(usageValue, out var usage, out var usageError))
        {
            return (null, usageError);
        }
        return (new CallDescriptor
        {
            Tenant = ev.Tenant,
            Category = ev.FieldAsString(EventFields.Category) ?? "",
            Account = account,
            Subject = ev.FieldAsString(EventFields.Subject) ?? account,
            Destination = destination,
            ToR = ev.FieldAsString(EventFields.ToR) ?? Meta.Voice,
            TimeStart = start,
            TimeEnd = start + Duration.FromNanoseconds(usage.Nanoseconds),
            TimeZone = defaultZone,
            DurationIndex = usage,
        }, null);
    }
}
