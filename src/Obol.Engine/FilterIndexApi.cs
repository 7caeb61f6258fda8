using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.Engine;

/// <summary>
/// APIerSv1.GetFilterIndexes (the console's <c>filter_indexes</c>): each index key of one subsystem's profiles with a
/// profile under it, as <c>*string:*req.Account:1001:THD_ACNT_1001</c>, narrowed by FilterType (the key's start),
/// FilterField and FilterValue (text in the key) in turn, then paged.
/// </summary>
internal static class FilterIndexApi
{
    public static void Register(JsonRpcDispatcher dispatcher, Func<string, string, string, IEnumerable<(string Key, IReadOnlyList<string> Items)>?> indexes,
        string defaultTenant) =>
        dispatcher.Add<AttrGetFilterIndexes, List<string>>("APIerSv1.GetFilterIndexes", (a, _) => ValueTask.FromResult(Get(a, indexes, defaultTenant)));

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
