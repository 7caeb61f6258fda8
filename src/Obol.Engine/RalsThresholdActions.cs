using Obol.Logging;
using Obol.Primitives;
using Obol.Rals;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>
/// ThresholdS's actions run by RALs (CGRateS builds an ActionTiming on the event's account): on that account when the
/// event names one — which must exist, as CGRateS does not create it — else only <c>*log</c> has something to do.
/// Async profiles run in the background and only log their failures.
/// </summary>
internal sealed class RalsThresholdActions(RalsService rals, EngineLog log) : IThresholdActions
{
    public ValueTask<string?> ExecuteAsync(ThresholdActionRequest request, CancellationToken cancellationToken)
    {
        if (!request.Async)
        {
            return RunAsync(request, CancellationToken.None);
        }
        _ = Task.Run(async () =>
        {
            if (await RunAsync(request, CancellationToken.None).ConfigureAwait(false) is { } error)
            {
                log.Warning($"<ThresholdS> failed executing actions: {request.ActionSetId}, error: {error}");
            }
        }, CancellationToken.None);
        return ValueTask.FromResult<string?>(null);
    }

    private async ValueTask<string?> RunAsync(ThresholdActionRequest request, CancellationToken cancellationToken)
    {
        if (rals.GetActions(request.ActionSetId) is not { } actions)
        {
            return ErrorCodes.NotFound;
        }
        if (request.AccountTenantId is not { } account)
        {
            log.Info($"<ThresholdS> threshold {request.ThresholdId} fired {request.ActionSetId} on event {request.Event.Id} without an account");
            return null;
        }
        var result = await rals.RunListAsync(account, actions, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? null : result.Error ?? ErrorCodes.PartiallyExecuted;
    }
}
