using Obol.Accounting;
using Obol.Primitives;
using Obol.Rals;
using Obol.Rating;
using Obol.Sessions;

namespace Obol.SessionServer;

/// <summary>SessionS's <c>Responder</c> calls, in process over RALs' accounts (the engine's <c>rals_conns: *internal</c>).</summary>
public sealed class RalsSessionRater(RalsService rals) : ISessionRater
{
    public async Task<(Usage MaxUsage, string? Error)> GetMaxSessionTimeAsync(CallDescriptor call, CancellationToken cancellationToken) =>
        await rals.Accounts.GetMaxUsageAsync(new DebitRequest(call), cancellationToken).ConfigureAwait(false);

    public Task<(CallCost? Cost, string? Error)> GetCostAsync(CallDescriptor call, CancellationToken cancellationToken)
    {
        var result = rals.Rating.GetCost(call);
        return Task.FromResult((result.CallCost, result.Error));
    }

    public Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
        CancellationToken cancellationToken) =>
        rals.Accounts.MaxDebitAsync(new DebitRequest(call) { Journal = journal }, cancellationToken);

    public Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
        CancellationToken cancellationToken) =>
        rals.Accounts.DebitAsync(new DebitRequest(call) { Journal = journal }, cancellationToken);

    public async Task<string?> SettleAsync(CallDescriptor call, IReadOnlyList<Increment> refunds, IReadOnlyList<Increment> roundIncrements,
        Func<AccountSummary?, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken)
    {
        await rals.Accounts.SettleAsync(refunds, roundIncrements, call.ToR, new CounterContext(call.Category, call.Destination), call.AccountKey,
            journal, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public Task<(CallCost? Cost, string? Error)> DebitAndSettleAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<Increment>> rounding,
        Func<CallCost, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken) =>
        rals.Accounts.DebitAndSettleAsync(new DebitRequest(call), rounding, journal, new CounterContext(call.Category, call.Destination),
            cancellationToken);
}
