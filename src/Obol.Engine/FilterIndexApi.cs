using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rals;

namespace Obol.Engine;

/// <summary>
/// APIerSv1.GetFilterIndexes (the console's <c>filter_indexes</c>): each index key of one subsystem's profiles with a
/// profile under it, as <c>*string:*req.Account:1001:THD_ACNT_1001</c>, narrowed by FilterType (the key's start),
/// FilterField and FilterValue (text in the key) in turn, then paged. APIerSv1.RemoveFilterIndexes
/// (<c>filter_indexes_remove</c>) checks its arguments and stamps the index partition's load ID as CGRateS does; the
/// indexes themselves are built from the profiles on every change, so after a removal they are at once what
/// CGRateS's ComputeFilterIndexes would rebuild, and no profile goes unmatched in between.
/// </summary>
internal static class FilterIndexApi
{
    public static void Register(JsonRpcDispatcher dispatcher, Func<string, string, string, IEnumerable<(string Key, IReadOnlyList<string> Items)>?> indexes,
        string defaultTenant, LoadIds loadIds)
    {
        dispatcher.Add<AttrGetFilterIndexes, List<string>>("APIerSv1.GetFilterIndexes", (a, _) => ValueTask.FromResult(Get(a, indexes, defaultTenant)));
        dispatcher.Add<AttrRemFilterIndexes, string>("APIerSv1.RemoveFilterIndexes", async (a, ct) =>
        {
            if (string.IsNullOrEmpty(a.ItemType))
            {
                return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("ItemType"));
            }
            if (a.ItemType is "*attributes" or "*dispatchers" && string.IsNullOrEmpty(a.Context))
            {
                return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Context"));
            }
            if (IndexPartition(a.ItemType) is { } partition)
            {
                await loadIds.StampAsync([partition], ct).ConfigureAwait(false);
            }
            return "OK";
        });
    }

    /// <summary>The cache partition of an item type's filter indexes.</summary>
    private static string? IndexPartition(string itemType) => itemType switch
    {
        "*thresholds" => "*threshold_filter_indexes",
        "*routes" => "*route_filter_indexes",
        "*stats" => "*stat_filter_indexes",
        "*resources" => "*resource_filter_indexes",
        "*ips" => "*ip_filter_indexes",
        "*chargers" => "*charger_filter_indexes",
        "*attributes" => "*attribute_filter_indexes",
        "*dispatchers" => "*dispatcher_filter_indexes",
        _ => null,
    };

    private static RpcResult<List<string>> Get(AttrGetFilterIndexes args,
        Func<string, string, string, IEnumerable<(string Key, IReadOnlyList<string> Items)>?> indexes, string defaultTenant)
    {
        if (string.IsNullOrEmpty(args.ItemType))
        {
            return RpcResult.Fail<List<string>>(ErrorCodes.MandatoryIeMissingFields("ItemType"));
        }
        if (args.ItemType == "*attributes" && string.IsNullOrEmpty(args.Context))
        {
            return RpcResult.Fail<List<string>>(ErrorCodes.MandatoryIeMissingFields("Context"));
        }
        var tenant = string.IsNullOrEmpty(args.Tenant) ? defaultTenant : args.Tenant;
        var keys = indexes(args.ItemType, tenant, args.Context ?? "")?.ToList() ?? [];
        if (keys.Count == 0)
        {
            return RpcResult.Fail<List<string>>(ErrorCodes.NotFound);
        }
        foreach (var (given, keep) in new (string? Given, Func<string, string, bool> Keep)[]
        {
            (args.FilterType, static (key, type) => key.StartsWith(type, StringComparison.Ordinal)),
            (args.FilterField, static (key, field) => key.Contains(field, StringComparison.Ordinal)),
            (args.FilterValue, static (key, value) => key.Contains(value, StringComparison.Ordinal)),
        })
        {
            if (!string.IsNullOrEmpty(given))
            {
                keys = keys.Where(k => keep(k.Key, given)).ToList();
                if (keys.Count == 0)
                {
                    return RpcResult.Fail<List<string>>(ErrorCodes.NotFound);
                }
            }
        }
        var listed = keys.SelectMany(k => k.Items.Select(item => k.Key + ":" + item)).Order(StringComparer.Ordinal).ToList();
        var offset = Math.Clamp(args.Offset ?? 0, 0, listed.Count);
        var limit = Math.Clamp(args.Limit ?? listed.Count - offset, 0, listed.Count - offset);
        return listed.GetRange(offset, limit);
    }
}

/// <summary>v1.AttrRemFilterIndexes.</summary>
internal sealed record AttrRemFilterIndexes(string? Tenant, string? Context, string? ItemType);

/// <summary>v1.AttrGetFilterIndexes.</summary>
internal sealed record AttrGetFilterIndexes
{
    public string? Tenant { get; init; }

    public string? Context { get; init; }

    public string? ItemType { get; init; }

    public string? FilterType { get; init; }

    public string? FilterField { get; init; }

    public string? FilterValue { get; init; }

    public int? Limit { get; init; }

    public int? Offset { get; init; }
}
