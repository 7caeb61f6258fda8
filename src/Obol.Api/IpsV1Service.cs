using System.Text.Json.Serialization;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.GoJson;
using Obol.Ips;

namespace Obol.Api;

/// <summary>IPsV1 (apier/v1/ips.go) over <see cref="IpService"/>.</summary>
public sealed class IpsV1Service(IpService ips, IClock clock, string defaultTenant)
{
    private delegate ValueTask<(AllocatedIp? Ip, string? Error)> AllocationCall(CgrEvent ev, Instant now, CancellationToken ct);

    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CgrEvent, AllocatedIpWire>("IPsV1.AuthorizeIP", (ev, ct) => AllocateAsync(ev, ips.AuthorizeIpAsync, ct));
        dispatcher.Add<CgrEvent, AllocatedIpWire>("IPsV1.AllocateIP", (ev, ct) => AllocateAsync(ev, ips.AllocateIpAsync, ct));
        dispatcher.Add<CgrEvent, string>("IPsV1.ReleaseIP", ReleaseAsync);
        dispatcher.Add<CgrEvent, RawJson>("IPsV1.GetIPAllocationForEvent", ForEventAsync);
        dispatcher.Add<TenantIdArgs, RawJson>("IPsV1.GetIPAllocations", GetAsync);
        dispatcher.Add<ClearIpAllocationsArgs, string>("IPsV1.ClearIPAllocations", ClearAsync);
        dispatcher.AddPing("IPsV1");
    }

    private async ValueTask<RpcResult<AllocatedIpWire>> AllocateAsync(CgrEvent ev, AllocationCall call, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<AllocatedIpWire>(invalid);
        }
        var (ip, error) = await call(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        return ip is null ? RpcResult.Fail<AllocatedIpWire>(error ?? "") : AllocatedIpWire.Of(ip);
    }

    private async ValueTask<RpcResult<string>> ReleaseAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<string>(invalid);
        }
        var (reply, error) = await ips.ReleaseIpAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        return error is null ? reply ?? "" : RpcResult.Fail<string>(error);
    }

    private async ValueTask<RpcResult<RawJson>> ForEventAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<RawJson>(invalid);
        }
        var (allocations, error) = await ips.GetAllocationsForEventAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        return allocations is null ? RpcResult.Fail<RawJson>(error ?? "") : RawJson.Write(allocations.WriteJson);
    }

    private async ValueTask<RpcResult<RawJson>> GetAsync(TenantIdArgs args, CancellationToken ct)
    {
        var (tenant, id, invalid) = EventRequests.TenantId(args, defaultTenant);
        if (invalid is not null)
        {
            return RpcResult.Fail<RawJson>(invalid);
        }
        var (allocations, error) = await ips.GetAllocationsAsync(tenant, id, ct).ConfigureAwait(false);
        return allocations is null ? RpcResult.Fail<RawJson>(error ?? "") : RawJson.Write(allocations.WriteJson);
    }

    private async ValueTask<RpcResult<string>> ClearAsync(ClearIpAllocationsArgs args, CancellationToken ct)
    {
        var (tenant, id, invalid) = EventRequests.TenantId(new TenantIdArgs { Tenant = args.Tenant, Id = args.Id }, defaultTenant);
        if (invalid is not null)
        {
            return RpcResult.Fail<string>(invalid);
        }
        var error = await ips.ClearAllocationsAsync(tenant, id, args.AllocationIds, ct).ConfigureAwait(false);
        return error is null ? "OK" : RpcResult.Fail<string>(error);
    }
}

/// <summary>engine.AllocatedIP on the wire.</summary>
public sealed record AllocatedIpWire(
    [property: JsonPropertyName("ProfileID")] string ProfileId,
    [property: JsonPropertyName("PoolID")] string PoolId,
    string Message,
    string Address)
{
    /// <summary>The *WithDigest replies' form: <c>ProfileID:PoolID:Message:Address</c>.</summary>
    public string Digest() => $"{ProfileId}:{PoolId}:{Message}:{Address}";

    public static AllocatedIpWire Of(AllocatedIp ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return new(ip.ProfileId, ip.PoolId, ip.Message, ip.Address.ToString());
    }
}

/// <summary>engine.ClearIPAllocationsArgs: no AllocationIDs clears every allocation.</summary>
public sealed record ClearIpAllocationsArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    [JsonPropertyName("AllocationIDs")]
    public IReadOnlyList<string>? AllocationIds { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}
