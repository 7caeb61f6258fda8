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

    public Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, CancellationToken cancellationToken) =>
        rals.Accounts.MaxDebitAsync(new DebitRequest(call), cancellationToken);

    public Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, CancellationToken cancellationToken) =>
        rals.Accounts.DebitAsync(new DebitRequest(call), cancellationToken);

    public async Task<string?> RefundIncrementsAsync(CallDescriptor call, IReadOnlyList<Increment> increments, CancellationToken cancellationToken)
    {
        await rals.Accounts.RefundIncrementsAsync(increments, call.ToR, new CounterContext(call.Category, call.Destination), cancellationToken)
            .ConfigureAwait(false);
        return null;
    }

    public async Task<string?> RefundRoundingAsync(CallDescriptor call, IReadOnlyList<Increment> roundIncrements, CancellationToken cancellationToken)
    {
        await rals.Accounts.RefundRoundingAsync(roundIncrements, new CounterContext(call.Category, call.Destination), cancellationToken)
            .ConfigureAwait(false);
        return null;
    }
}
