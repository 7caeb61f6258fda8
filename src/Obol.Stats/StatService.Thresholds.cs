using Obol.Events;
using Obol.Primitives;

namespace Obol.Stats;

public sealed partial class StatService
{
    public const string StatUpdate = "StatUpdate";

    /// <summary>processThresholds: <c>{EventType: StatUpdate, StatID, metric: value...}</c> with the profile's
    /// ThresholdIDs as <c>*thdProfileIDs</c>; durations go as durations so threshold filters compare them as such.
    /// Unlike CGRateS, the Account of the event that changed the queue goes along as <c>*accountID</c> (unless the
    /// caller set one): a per-account queue can then fire actions such as <c>*disable_account</c> on that account,
    /// which fraud detection needs and CGRateS cannot do. False when ThresholdS failed with anything but NOT_FOUND.</summary>
    private async ValueTask<bool> NotifyThresholdsAsync(StatQueueProfile profile, QueueSlot slot, CgrEvent source, CancellationToken cancellationToken)
    {
        if (Thresholds is not { } sink || profile.ThresholdIds is [ "*none" ])
        {
            return true;
        }
        var ev = new CgrEvent
        {
            Tenant = profile.Tenant,
            Id = Guid.NewGuid().ToString(),
            Event = { ["EventType"] = StatUpdate, ["StatID"] = profile.Id },
            ApiOpts = new Dictionary<string, object?>(source.ApiOpts, StringComparer.Ordinal)
            {
                [EventOptions.EventType] = StatUpdate,
                [EventOptions.ThresholdIds] = profile.ThresholdIds.ToList(),
            },
        };
        if (!ev.ApiOpts.ContainsKey(EventOptions.AccountId) && source.FieldAsString(EventFields.Account) is { Length: > 0 } account)
        {
            ev.ApiOpts[EventOptions.AccountId] = account;
        }
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (id, metric) in slot.Queue.Metrics)
            {
                var value = metric.GetFloatValue(_options.RoundingDecimals);
                ev.Event[id] = metric is DurationMetric ? new Usage((long)value) : value;
            }
        }
        finally
        {
            slot.Gate.Release();
        }
        var error = await sink.ProcessEventAsync(ev, cancellationToken).ConfigureAwait(false);
        return error is null || error == ErrorCodes.NotFound;
    }
}
