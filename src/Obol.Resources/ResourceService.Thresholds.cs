using Obol.Events;
using Obol.Primitives;

namespace Obol.Resources;

public sealed partial class ResourceService
{
    /// <summary>
    /// processThresholds: <c>{EventType: ResourceUpdate, ResourceID, Usage: total}</c> per resource, with the
    /// caller's APIOpts plus <c>*eventType</c> and the profile's ThresholdIDs as <c>*thdProfileIDs</c> (none: ThresholdS
    /// matches by filters; <c>*none</c>: not sent). Sent after the resources are unlocked. False when ThresholdS failed,
    /// NOT_FOUND counting as a failure only when thresholds were named.
    /// </summary>
    private async ValueTask<bool> NotifyThresholdsAsync(List<(ResourceProfile Profile, decimal Usage)> changes, CgrEvent source,
        CancellationToken cancellationToken)
    {
        if (Thresholds is not { } sink)
        {
            return true;
        }
        var failed = false;
        foreach (var (profile, usage) in changes)
        {
            if (profile.ThresholdIds is ["*none"])
            {
                continue;
            }
            List<string>? thresholdIds = profile.ThresholdIds.Count == 0 ? null : [.. profile.ThresholdIds];
            var ev = new CgrEvent
            {
                Tenant = profile.Tenant,
                Id = Guid.NewGuid().ToString(),
                Event =
                {
                    [ResourceEvents.EventTypeField] = ResourceEvents.ResourceUpdate,
                    [ResourceEvents.ResourceIdField] = profile.Id,
                    [ResourceEvents.UsageField] = usage,
                },
                ApiOpts = new Dictionary<string, object?>(source.ApiOpts, StringComparer.Ordinal)
                {
                    [ResourceEvents.EventTypeOption] = ResourceEvents.ResourceUpdate,
                    [ResourceEvents.ThresholdIdsOption] = thresholdIds,
                },
            };
            var error = await sink.ProcessEventAsync(ev, cancellationToken).ConfigureAwait(false);
            failed |= error is not null && (thresholdIds is not null || error != ErrorCodes.NotFound);
        }
        return !failed;
    }
}
