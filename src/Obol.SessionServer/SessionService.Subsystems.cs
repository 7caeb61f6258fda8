using Obol.Api;
using Obol.Attributes;
using Obol.Events;
using Obol.Primitives;
using Obol.Routes;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    /// <summary>processAttributes: context <c>*sessions</c> unless the request set one, the flag's profile IDs.</summary>
    private (AttributeProcessResult? Result, string? Error) ProcessAttributes(CgrEvent ev, IReadOnlyList<string>? attributeIds)
    {
        if (_subsystems.Attributes is not { } attributes)
        {
            return (null, ErrorCodes.NotConnectedTo("AttributeS"));
        }
        ev.ApiOpts[EventOptions.Subsys] = SessionFields.MetaSessions;
        if (attributeIds is { Count: > 0 })
        {
            ev.ApiOpts[EventOptions.AttributeProfileIds] = attributeIds.Cast<object?>().ToList();
        }
        var hadContext = ev.ApiOpts.TryGetValue(EventOptions.Context, out var context) && EventValues.AsString(context) is { Length: > 0 };
        if (!hadContext)
        {
            ev.ApiOpts[EventOptions.Context] = SessionFields.MetaSessions;
        }
        var result = attributes.ProcessEvent(ev, Now);
        if (result.Error is { } error)
        {
            return (null, error);
        }
        if (!hadContext && result.Event is { } altered && EventValues.AsString(altered.ApiOpts.GetValueOrDefault(EventOptions.Context)) == SessionFields.MetaSessions)
        {
            altered.ApiOpts.Remove(EventOptions.Context);
        }
        return (result, null);
    }

    /// <summary>GetAttributes of Authorize/Initiate/Update/ProcessMessage/GetCost: the altered event and its reply; NOT_FOUND
    /// leaves the event alone, other errors fail the request.</summary>
    private (CgrEvent Event, AttributeReply? Reply, string? Error) ApplyAttributes(CgrEvent ev, IReadOnlyList<string>? attributeIds)
    {
        var (result, error) = ProcessAttributes(ev, attributeIds);
        if (error is null)
        {
            return (result!.Event ?? ev, AttributesReply(result), null);
        }
        return error == ErrorCodes.NotFound ? (ev, null, null) : (ev, null, ErrorCodes.SubsystemError("ATTRIBUTES", error));
    }

    private static AttributeReply? AttributesReply(AttributeProcessResult? result) => result?.Event is { } altered
        ? new AttributeReply(result.MatchedProfiles, result.AlteredFields, altered.Tenant, altered.Id, altered.Time, altered.Event, altered.ApiOpts)
        : null;

    /// <summary>AllocateResources of Initiate/ProcessMessage: the usage is the call's OriginID, which must be there.</summary>
    private async Task<(string? Allocation, string? Error)> AllocateResourcesAsync(CgrEvent ev, string originId, CancellationToken ct)
    {
        if (_subsystems.Resources is not null && originId.Length == 0)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("OriginID"));
        }
        return await ResourcesAsync(ev, originId, ResourceStep.Allocate, ct).ConfigureAwait(false);
    }

    private enum ResourceStep
    {
        Authorize,
        Allocate,
        Release,
    }

    /// <summary>The request's resource usage: usage ID the call's OriginID, one unit.</summary>
    private async Task<(string? Reply, string? Error)> ResourcesAsync(CgrEvent ev, string usageId, ResourceStep step, CancellationToken ct)
    {
        if (_subsystems.Resources is not { } resources)
        {
            return (null, ErrorCodes.NotConnectedTo("ResourceS"));
        }
        var request = ev.Clone();
        request.ApiOpts[EventOptions.UsageId] = usageId;
        request.ApiOpts[EventOptions.Units] = 1m;
        var (reply, error) = step switch
        {
            ResourceStep.Authorize => await resources.AuthorizeResourcesAsync(request, Now, ct).ConfigureAwait(false),
            ResourceStep.Allocate => await resources.AllocateResourcesAsync(request, Now, ct).ConfigureAwait(false),
            _ => await resources.ReleaseResourcesAsync(request, Now, ct).ConfigureAwait(false),
        };
        return error is null ? (reply, null) : (null, ErrorCodes.SubsystemError("RESOURCES", error));
    }

    /// <summary>getRoutes: ACD replaces Usage, the max cost and ignore-errors flags become RouteS options.</summary>
    private async Task<(IReadOnlyList<SortedRoutes>? Routes, string? Error)> RoutesAsync(CgrEvent ev, string? maxCost, bool ignoreErrors,
        CancellationToken ct)
    {
        if (_subsystems.Routes is not { } routes)
        {
            return (null, ErrorCodes.NotConnectedTo("RouteS"));
        }
        var request = ev.Clone();
        if (request.Event.TryGetValue(SessionFields.Acd, out var acd))
        {
            request.Event[EventFields.Usage] = acd;
        }
        if (!string.IsNullOrEmpty(maxCost))
        {
            request.ApiOpts[EventOptions.RoutesMaxCost] = maxCost;
        }
        if (ignoreErrors)
        {
            request.ApiOpts[EventOptions.RoutesIgnoreErrors] = true;
        }
        var result = await routes.GetRoutesAsync(request, Now, ct).ConfigureAwait(false);
        return result.Error is { } error ? (null, ErrorCodes.SubsystemError("ROUTES", error)) : (result.Routes, null);
    }

    private async Task<(IReadOnlyList<string>? Ids, string? Error)> ThresholdsAsync(CgrEvent ev, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        if (_subsystems.Thresholds is not { } thresholds)
        {
            return (null, ErrorCodes.NotConnectedTo("ThresholdS"));
        }
        var request = ev.Clone();
        if (ids is { Count: > 0 })
        {
            request.ApiOpts[EventOptions.ThresholdIds] = ids.Cast<object?>().ToList();
        }
        var (hit, error) = await thresholds.ProcessEventAsync(request, Now, ct).ConfigureAwait(false);
        return (error is null ? hit : null, error);
    }

    private async Task<(IReadOnlyList<string>? Ids, string? Error)> StatsAsync(CgrEvent ev, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        if (_subsystems.Stats is not { } stats)
        {
            return (null, ErrorCodes.NotConnectedTo("StatS"));
        }
        var request = ev.Clone();
        if (ids is { Count: > 0 })
        {
            request.ApiOpts[EventOptions.StatIds] = ids.Cast<object?>().ToList();
        }
        var (hit, error) = await stats.ProcessEventAsync(request, Now, ct).ConfigureAwait(false);
        return (error is null ? hit : null, error);
    }

    /// <summary>ThresholdS and StatS after the charging: a failure is logged and makes the answer PARTIALLY_EXECUTED.</summary>
    private async Task<(IReadOnlyList<string>? Thresholds, IReadOnlyList<string>? Stats, bool Failed)> NotifyAsync(CgrEvent ev, bool thresholds,
        IReadOnlyList<string>? thresholdIds, bool stats, IReadOnlyList<string>? statIds, CancellationToken ct)
    {
        IReadOnlyList<string>? hitThresholds = null, hitStats = null;
        var failed = false;
        if (thresholds)
        {
            var (ids, error) = await ThresholdsAsync(ev, thresholdIds, ct).ConfigureAwait(false);
            hitThresholds = ids ?? [];
            if (error is not null && error != ErrorCodes.NotFound)
            {
                _warn($"<SessionS> error: {error} processing event {ev.Id} with ThresholdS.");
                failed = true;
            }
        }
        if (stats)
        {
            var (ids, error) = await StatsAsync(ev, statIds, ct).ConfigureAwait(false);
            hitStats = ids ?? [];
            if (error is not null && error != ErrorCodes.NotFound)
            {
                _warn($"<SessionS> error: {error} processing event {ev.Id} with StatS.");
                failed = true;
            }
        }
        return (hitThresholds, hitStats, failed);
    }
}
