using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.Routes;

namespace Obol.Api;

/// <summary>RouteSv1 (apier/v1/routes.go), and the same methods under SupplierSv1's names, which cgrates.json files
/// and agents written for CGRateS before 0.11 still call.</summary>
public sealed class RouteSv1Service(RouteService routes, IClock clock, string defaultTenant, Action<string> warn)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        foreach (var (service, noun) in new[] { ("RouteSv1", "Route"), ("SupplierSv1", "Supplier") })
        {
            dispatcher.Add<CgrEvent, IReadOnlyList<SortedRoutes>>($"{service}.Get{noun}s", GetRoutesAsync);
            dispatcher.Add<CgrEvent, IReadOnlyList<string>>($"{service}.Get{noun}sList", GetRoutesListAsync);
            dispatcher.Add<CgrEvent, IReadOnlyList<RouteProfileDefinition>>($"{service}.Get{noun}ProfilesForEvent",
                (ev, _) => ValueTask.FromResult(ProfilesForEvent(ev)));
            dispatcher.AddPing(service);
        }
    }

    private async ValueTask<RpcResult<IReadOnlyList<SortedRoutes>>> GetRoutesAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyList<SortedRoutes>>(invalid);
        }
        var result = await routes.GetRoutesAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        Warn(result.Warnings);
        return result.Error is null ? RpcResult.Ok(result.Routes) : RpcResult.Fail<IReadOnlyList<SortedRoutes>>(result.Error);
    }

    private async ValueTask<RpcResult<IReadOnlyList<string>>> GetRoutesListAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyList<string>>(invalid);
        }
        var (list, error, warnings) = await routes.GetRoutesListAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        Warn(warnings);
        return error is null ? RpcResult.Ok(list) : RpcResult.Fail<IReadOnlyList<string>>(error);
    }

    private RpcResult<IReadOnlyList<RouteProfileDefinition>> ProfilesForEvent(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyList<RouteProfileDefinition>>(invalid);
        }
        var (profiles, error) = routes.GetRouteProfilesForEvent(ev, EventRequests.Now(ev, clock));
        return error is null
            ? RpcResult.Ok<IReadOnlyList<RouteProfileDefinition>>([.. profiles.Select(RouteProfileDefinition.From)])
            : RpcResult.Fail<IReadOnlyList<RouteProfileDefinition>>(error);
    }

    private void Warn(IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
        {
            warn(warning);
        }
    }
}
