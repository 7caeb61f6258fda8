using System.Text;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Thresholds;

namespace Obol.Api;

/// <summary>ThresholdSv1 (apier/v1/thresholds.go) over <see cref="ThresholdService"/>.</summary>
public sealed class ThresholdSv1Service(ThresholdService thresholds, IClock clock, string defaultTenant)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<CgrEvent, List<string>>("ThresholdSv1.ProcessEvent", ProcessEventAsync);
        dispatcher.Add<CgrEvent, RawJson>("ThresholdSv1.GetThresholdsForEvent", (ev, _) => ValueTask.FromResult(ForEvent(ev)));
        dispatcher.Add<TenantIdArgs, RawJson>("ThresholdSv1.GetThreshold", (a, _) => ValueTask.FromResult(GetThreshold(a)));
        dispatcher.Add<TenantArgs, List<string>>("ThresholdSv1.GetThresholdIDs",
            (a, _) => ValueTask.FromResult(EventRequests.Page(thresholds.GetThresholdIds(string.IsNullOrEmpty(a.Tenant) ? defaultTenant : a.Tenant), a)));
        dispatcher.Add<TenantIdArgs, string>("ThresholdSv1.ResetThreshold", ResetAsync);
        dispatcher.AddPing("ThresholdSv1");
    }

    private async ValueTask<RpcResult<List<string>>> ProcessEventAsync(CgrEvent ev, CancellationToken ct)
    {
        if (EventRequests.Prepare(ev, defaultTenant, requireId: true) is { } invalid)
        {
            return RpcResult.Fail<List<string>>(invalid);
        }
        var (ids, error) = await thresholds.ProcessEventAsync(ev, EventRequests.Now(ev, clock), ct).ConfigureAwait(false);
        return error is null ? ids.ToList() : RpcResult.Fail<List<string>>(error);
    }

    private RpcResult<RawJson> ForEvent(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant, requireId: true) is { } invalid)
        {
            return RpcResult.Fail<RawJson>(invalid);
        }
        var (matched, error) = thresholds.GetThresholdsForEvent(ev, EventRequests.Now(ev, clock));
        return error is null
            ? new RawJson(Encoding.UTF8.GetBytes("[" + string.Join(',', matched.Select(t => t.ToJson())) + "]"))
            : RpcResult.Fail<RawJson>(error);
    }

    private RpcResult<RawJson> GetThreshold(TenantIdArgs args)
    {
        var (tenant, id, error) = EventRequests.TenantId(args, defaultTenant);
        if (error is not null)
        {
            return RpcResult.Fail<RawJson>(error);
        }
        return thresholds.GetThreshold(tenant, id) is { } threshold
            ? new RawJson(Encoding.UTF8.GetBytes(threshold.ToJson()))
            : RpcResult.Fail<RawJson>(ErrorCodes.NotFound);
    }

    private async ValueTask<RpcResult<string>> ResetAsync(TenantIdArgs args, CancellationToken ct)
    {
        var (tenant, id, error) = EventRequests.TenantId(args, defaultTenant);
        if (error is not null)
        {
            return RpcResult.Fail<string>(error);
        }
        return await thresholds.ResetAsync(tenant, id, ct).ConfigureAwait(false) ? "OK" : RpcResult.Fail<string>(ErrorCodes.NotFound);
    }
}
