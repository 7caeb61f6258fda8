using System.Text.Json;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Resources;

namespace Obol.Api;

/// <summary>ResourceSv1 (apier/v1/resources.go) over <see cref="ResourceService"/>.</summary>
public sealed class ResourceSv1Service(ResourceService resources, IClock clock, string defaultTenant, Func<string, string, object?>? profileOf = null)
{
    private delegate ValueTask<(string? Reply, string? Error)> UsageCall(CgrEvent ev, Instant now, CancellationToken ct);

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CgrEvent, string>("ResourceSv1.AuthorizeResources", (ev, ct) => UseAsync(ev, resources.AuthorizeResourcesAsync, ct));
        dispatcher.Add<CgrEvent, string>("ResourceSv1.AllocateResources", (ev, ct) => UseAsync(ev, resources.AllocateResourcesAsync, ct));
        dispatcher.Add<CgrEvent, string>("ResourceSv1.ReleaseResources", (ev, ct) => UseAsync(ev, resources.ReleaseResourcesAsync, ct));
        dispatcher.Add<CgrEvent, RawJson>("ResourceSv1.GetResourcesForEvent", ForEventAsync);
        dispatcher.Add<TenantIdArgs, RawJson>("ResourceSv1.GetResource", (a, ct) => GetResourceAsync(a, withConfig: false, ct));
        dispatcher.Add<TenantIdArgs, RawJson>("ResourceSv1.GetResourceWithConfig", (a, ct) => GetResourceAsync(a, withConfig: true, ct));
        dispatcher.AddPing("ResourceSv1");
    }

    private async ValueTask<RpcResult<string>> UseAsync(CgrEvent ev, UsageCall call, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<string>(invalid);
        }
        var (reply, error) = await call(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        return error is null ? reply ?? "" : RpcResult.Fail<string>(error);
    }

    private async ValueTask<RpcResult<RawJson>> ForEventAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<RawJson>(invalid);
        }
        var (matched, error) = await resources.GetResourcesForEventAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        if (error is not null)
        {
            return RpcResult.Fail<RawJson>(error);
        }
        return RawJson.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var resource in matched)
            {
                resource.WriteJson(writer);
            }
            writer.WriteEndArray();
        });
    }

    /// <summary>ResourceSv1.GetResource, or with <paramref name="withConfig"/> GetResourceWithConfig
    /// (engine.ResourceWithConfig: the resource's own fields, and its profile as <c>Config</c>).</summary>
    private async ValueTask<RpcResult<RawJson>> GetResourceAsync(TenantIdArgs args, bool withConfig, CancellationToken ct)
    {
        var (tenant, id, invalid) = EventRequests.TenantId(args, defaultTenant);
        if (invalid is not null)
        {
            return RpcResult.Fail<RawJson>(invalid);
        }
        var (resource, error) = await resources.GetResourceAsync(tenant, id, ct).ConfigureAwait(false);
        if (resource is null)
        {
            return RpcResult.Fail<RawJson>(error ?? ErrorCodes.NotFound);
        }
        if (!withConfig)
        {
            return RawJson.Write(resource.WriteJson);
        }
        if (profileOf?.Invoke(tenant, id) is not { } profile)
        {
            return RpcResult.Fail<RawJson>(ErrorCodes.NotFound);
        }
        var fields = System.Text.Json.Nodes.JsonNode.Parse(RawJson.Write(resource.WriteJson).Utf8.Span)!.AsObject();
        fields["Config"] = JsonSerializer.SerializeToNode(profile, profile.GetType(), GoJsonOptions.Default);
        return RawJson.Write(writer => fields.WriteTo(writer));
    }
}
