using System.Text;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Stats;

namespace Obol.Api;

/// <summary>StatSv1 (apier/v1/stats.go) over <see cref="StatService"/>.</summary>
public sealed class StatSv1Service(StatService stats, IClock clock, string defaultTenant)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CgrEvent, List<string>>("StatSv1.ProcessEvent", ProcessEventAsync);
        dispatcher.Add<CgrEvent, List<string>>("StatSv1.GetStatQueuesForEvent", (ev, _) => ValueTask.FromResult(QueuesForEvent(ev)));
        dispatcher.Add<TenantIdArgs, Dictionary<string, string>>("StatSv1.GetQueueStringMetrics",
            (a, _) => ValueTask.FromResult(Read(a, (t, id) => stats.GetStringMetrics(t, id))));
        dispatcher.Add<TenantIdArgs, Dictionary<string, decimal>>("StatSv1.GetQueueFloatMetrics",
            (a, _) => ValueTask.FromResult(Read(a, (t, id) => stats.GetFloatMetrics(t, id))));
        dispatcher.Add<TenantIdArgs, RawJson>("StatSv1.GetStatQueue", (a, _) => ValueTask.FromResult(GetQueue(a)));
        dispatcher.Add<TenantArgs, List<string>>("StatSv1.GetQueueIDs",
            (a, _) => ValueTask.FromResult(EventRequests.Page(stats.GetQueueIds(string.IsNullOrEmpty(a.Tenant) ? defaultTenant : a.Tenant), a)));
        dispatcher.Add<TenantIdArgs, string>("StatSv1.ResetStatQueue", ResetAsync);
        dispatcher.AddPing("StatSv1");
    }

    private async ValueTask<RpcResult<List<string>>> ProcessEventAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant, requireId: true) is { } invalid)
        {
            return RpcResult.Fail<List<string>>(invalid);
        }
        var (ids, error) = await stats.ProcessEventAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        return error is null ? ids.ToList() : RpcResult.Fail<List<string>>(error);
    }

    private RpcResult<List<string>> QueuesForEvent(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant, requireId: true) is { } invalid)
        {
            return RpcResult.Fail<List<string>>(invalid);
        }
        var (ids, error) = stats.GetStatQueuesForEvent(ev);
        return error is null ? ids.ToList() : RpcResult.Fail<List<string>>(error);
    }

    private RpcResult<T> Read<T>(TenantIdArgs args, Func<string, string, T?> read)
        where T : class
    {
        var (tenant, id, error) = EventRequests.TenantId(args, defaultTenant);
        if (error is not null)
        {
            return RpcResult.Fail<T>(error);
        }
        return read(tenant, id) is { } value ? value : RpcResult.Fail<T>(ErrorCodes.NotFound);
    }

    private RpcResult<RawJson> GetQueue(TenantIdArgs args)
    {
        var (tenant, id, error) = EventRequests.TenantId(args, defaultTenant);
        if (error is not null)
        {
            return RpcResult.Fail<RawJson>(error);
        }
        return stats.GetQueueJson(tenant, id) is { } json ? new RawJson(Encoding.UTF8.GetBytes(json)) : RpcResult.Fail<RawJson>(ErrorCodes.NotFound);
    }

    private async ValueTask<RpcResult<string>> ResetAsync(TenantIdArgs args, CancellationToken ct)
    {
        var (tenant, id, error) = EventRequests.TenantId(args, defaultTenant);
        if (error is not null)
        {
            return RpcResult.Fail<string>(error);
        }
        return await stats.ResetAsync(tenant, id, ct).ConfigureAwait(false) ? "OK" : RpcResult.Fail<string>(ErrorCodes.NotFound);
    }
}
