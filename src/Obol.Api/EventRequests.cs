using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Api;

/// <summary>What every event-subsystem method checks first, as CGRateS's V1 methods do.</summary>
public static class EventRequests
{
    /// <summary>Fills the default tenant; null or <c>MANDATORY_IE_MISSING</c> naming the missing part.</summary>
    public static string? Prepare(CgrEvent? ev, string defaultTenant, bool requireId = false)
    {
        if (ev is null)
        {
            return ErrorCodes.MandatoryIeMissingFields("CGREvent");
        }
        if (requireId && string.IsNullOrEmpty(ev.Id))
        {
            return ErrorCodes.MandatoryIeMissingFields("ID");
        }
        if (ev.Event is null)
        {
            return ErrorCodes.MandatoryIeMissingFields("Event");
        }
        ev.ApiOpts ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(ev.Tenant))
        {
            ev.Tenant = defaultTenant;
        }
        return null;
    }

    public static (string Tenant, string Id, string? Error) TenantId(TenantIdArgs args, string defaultTenant) =>
        string.IsNullOrEmpty(args.Id)
            ? ("", "", ErrorCodes.MandatoryIeMissingFields("ID"))
            : (string.IsNullOrEmpty(args.Tenant) ? defaultTenant : args.Tenant, args.Id, null);

    public static Instant Now(CgrEvent ev, IClock clock) => ev.Time ?? clock.GetCurrentInstant();

    public static ValueTask<RpcResult<T>> Fail<T>(string error) => ValueTask.FromResult(RpcResult.Fail<T>(error));

    /// <summary>A page of sorted IDs (utils.Paginator); an empty result is NOT_FOUND, as CGRateS answers.</summary>
    public static RpcResult<List<string>> Page(IReadOnlyList<string> ids, TenantArgs args)
    {
        IEnumerable<string> page = ids;
        if (args.Offset is > 0)
        {
            page = page.Skip(args.Offset.Value);
        }
        if (args.Limit is > 0)
        {
            page = page.Take(args.Limit.Value);
        }
        var list = page.ToList();
        return list.Count == 0 ? RpcResult.Fail<List<string>>(ErrorCodes.NotFound) : list;
    }
}
