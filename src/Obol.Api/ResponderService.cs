using Obol.Accounting;
using Obol.Api.JsonRpc;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rals;

namespace Obol.Api;

/// <summary>
/// The <c>Responder</c> service (engine/responder.go): rating and debits on a raw call descriptor, answering CallCost.
/// The console's <c>debit</c>, <c>debit_max</c> and <c>maxduration</c> commands use it; SessionS does the same in process.
/// </summary>
public sealed class ResponderService(RalsService rals, string defaultTenant = "cgrates.org", string defaultCategory = "call")
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CallDescriptorArgs, CallCostWire>("Responder.GetCost", (a, _) => ValueTask.FromResult(GetCost(a)));
        dispatcher.Add<CallDescriptorArgs, CallCostWire>("Responder.Debit", DebitAsync);
        dispatcher.Add<CallDescriptorArgs, CallCostWire>("Responder.MaxDebit", MaxDebitAsync);
        dispatcher.Add<CallDescriptorArgs, RawJson>("Responder.RefundIncrements", RefundIncrementsAsync);
        dispatcher.Add<CallDescriptorArgs, RawJson>("Responder.RefundRounding", RefundRoundingAsync);
        dispatcher.Add<CallDescriptorArgs, long>("Responder.GetMaxSessionTime", GetMaxSessionTimeAsync);
        dispatcher.AddPing("Responder");
    }

    public RpcResult<CallCostWire> GetCost(CallDescriptorArgs args)
    {
        var (cost, error) = rals.Rating.GetCost(args.ToCallDescriptor(defaultTenant, defaultCategory));
        return error is null && cost is not null ? CallCostWire.From(cost) : RpcResult.Fail<CallCostWire>(error ?? ErrorCodes.NotFound);
    }

    private async ValueTask<RpcResult<CallCostWire>> DebitAsync(CallDescriptorArgs args, CancellationToken ct)
    {
        var (cost, error) = await rals.Accounts.DebitAsync(args.ToDebitRequest(defaultTenant, defaultCategory), ct).ConfigureAwait(false);
        return Reply(cost, error);
    }

    private async ValueTask<RpcResult<CallCostWire>> MaxDebitAsync(CallDescriptorArgs args, CancellationToken ct)
    {
        var (cost, error) = await rals.Accounts.MaxDebitAsync(args.ToDebitRequest(defaultTenant, defaultCategory), ct).ConfigureAwait(false);
        return Reply(cost, error);
    }

    private async ValueTask<RpcResult<long>> GetMaxSessionTimeAsync(CallDescriptorArgs args, CancellationToken ct)
    {
        var (usage, error) = await rals.Accounts.GetMaxUsageAsync(args.ToDebitRequest(defaultTenant, defaultCategory), ct).ConfigureAwait(false);
        return error is null ? usage.Nanoseconds : RpcResult.Fail<long>(error);
    }

    /// <summary>Gives back the increments listed in the descriptor and answers the account as it is afterwards.</summary>
    private async ValueTask<RpcResult<RawJson>> RefundIncrementsAsync(CallDescriptorArgs args, CancellationToken ct)
    {
        var cd = args.ToCallDescriptor(defaultTenant, defaultCategory);
        if (args.Increments is { Count: > 0 } increments)
        {
            await rals.Accounts.RefundIncrementsAsync([.. increments.Select(i => i.ToIncrement())], cd.ToR, new CounterContext(cd.Category, cd.Destination), ct)
                .ConfigureAwait(false);
        }
        return await AccountReplyAsync(cd.AccountKey, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// CGRateS CallDescriptor.RefundRounding: each monetary increment's Cost is taken off the balance that paid it
    /// (SessionS sends the rounding surplus as negative costs, so this gives it back).
    /// </summary>
    private async ValueTask<RpcResult<RawJson>> RefundRoundingAsync(CallDescriptorArgs args, CancellationToken ct)
    {
        var cd = args.ToCallDescriptor(defaultTenant, defaultCategory);
        await rals.Accounts.RefundRoundingAsync([.. (args.Increments ?? []).Select(i => i.ToIncrement())], new CounterContext(cd.Category, cd.Destination), ct)
            .ConfigureAwait(false);
        return await AccountReplyAsync(cd.AccountKey, ct).ConfigureAwait(false);
    }

    private async ValueTask<RpcResult<RawJson>> AccountReplyAsync(string accountId, CancellationToken ct)
    {
        var account = await rals.Accounts.GetAsync(accountId, ct).ConfigureAwait(false);
        return account is null ? RpcResult.Fail<RawJson>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound)) : ApierJson.Account(account);
    }

    private static RpcResult<CallCostWire> Reply(Rating.CallCost? cost, string? error) =>
        error is null && cost is not null ? CallCostWire.From(cost) : RpcResult.Fail<CallCostWire>(error ?? ErrorCodes.NotFound);
}
