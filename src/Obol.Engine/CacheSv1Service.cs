using System.Text.Json.Serialization;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Rals;

namespace Obol.Engine;

/// <summary>
/// CacheSv1 for an engine without a cache in front of its data: every partition of <c>caches.partitions</c> is always
/// current, so the reload, load, clear and remove calls have nothing to do and answer OK; the item queries answer
/// the ids the engine holds of the partition's kind (destinations, rating plans, actions, profiles, ...), none of which
/// expires or belongs to a group; every partition is <c>*ready</c>. The index computations answer OK for the same reason.
/// </summary>
internal sealed class CacheSv1Service(IReadOnlyCollection<string> partitions, RalsService rals, EventSubsystems events, string nodeId)
{
    private const string Ok = "OK";

    public void Register(JsonRpcDispatcher dispatcher)
    {
        foreach (var method in new[] { "Clear", "ReloadCache", "LoadCache", "RemoveItems" })
        {
            dispatcher.Add<Dictionary<string, object?>, string>($"CacheSv1.{method}", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        }
        dispatcher.Add<CacheItemArgs, string>("CacheSv1.RemoveItem", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        dispatcher.Add<CacheItemArgs, string>("CacheSv1.RemoveGroup", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        dispatcher.Add<CacheIdsArgs, Dictionary<string, CacheStats>>("CacheSv1.GetCacheStats", (a, _) => ValueTask.FromResult(RpcResult.Ok(Stats(a))));
        dispatcher.Add<CacheIdsArgs, CacheStatsWithMetadata>("CacheSv1.GetStats", (a, _) =>
            ValueTask.FromResult(RpcResult.Ok(new CacheStatsWithMetadata(Stats(a), new Dictionary<string, object?> { ["NodeID"] = nodeId }))));
        dispatcher.Add<CacheIdsArgs, Dictionary<string, string>>("CacheSv1.PrecacheStatus", (a, _) => ValueTask.FromResult(Precache(a)));
        dispatcher.Add<CacheItemArgs, List<string>>("CacheSv1.GetItemIDs", (a, _) => ValueTask.FromResult(ItemIds(a)));
        dispatcher.Add<CacheItemArgs, bool>("CacheSv1.HasItem", (a, _) =>
            ValueTask.FromResult(RpcResult.Ok(Held(a.CacheId ?? "").Contains(a.ItemId ?? "", StringComparer.Ordinal))));
        foreach (var method in new[] { "CacheSv1.GetItem", "CacheSv1.GetItemWithRemote" })
        {
            dispatcher.Add<CacheItemArgs, object>(method, (a, _) => ValueTask.FromResult(Item(a)));
        }
        dispatcher.Add<CacheItemArgs, string>("CacheSv1.GetItemExpiryTime", (_, _) => ValueTask.FromResult(RpcResult.Fail<string>(ErrorCodes.NotFound)));
        dispatcher.Add<CacheItemArgs, bool>("CacheSv1.HasGroup", (_, _) => ValueTask.FromResult(RpcResult.Ok(false)));
        dispatcher.Add<CacheItemArgs, List<string>>("CacheSv1.GetGroupItemIDs", (_, _) => ValueTask.FromResult(RpcResult.Fail<List<string>>(ErrorCodes.NotFound)));
        dispatcher.AddPing("CacheSv1");
        // The filter, action-plan and reverse-destination indexes are rebuilt with every change of the profiles, plans
        // and destinations they index, so asking for them to be computed finds them computed.
        dispatcher.Add<Dictionary<string, object?>, string>("APIerSv1.ComputeFilterIndexes", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        dispatcher.Add<Dictionary<string, object?>, string>("APIerSv1.ComputeFilterIndexIDs", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        dispatcher.Add<object?, string>("APIerSv1.ComputeActionPlanIndexes", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        dispatcher.Add<object?, string>("APIerSv1.ComputeReverseDestinations", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
        dispatcher.Add<object?, string>("APIerSv1.ComputeAccountActionPlans", (_, _) => ValueTask.FromResult(RpcResult.Ok(Ok)));
    }

    private Dictionary<string, CacheStats> Stats(CacheIdsArgs args) =>
        Selected(args).Where(partitions.Contains).ToDictionary(p => p, p => new CacheStats(Held(p).Count, 0), StringComparer.Ordinal);

    private RpcResult<Dictionary<string, string>> Precache(CacheIdsArgs args)
    {
        var unknown = Selected(args).FirstOrDefault(p => !partitions.Contains(p));
        return unknown is not null
            ? RpcResult.Fail<Dictionary<string, string>>($"unknown cacheID: {unknown}")
            : Selected(args).ToDictionary(p => p, _ => "*ready", StringComparer.Ordinal);
    }

    private RpcResult<List<string>> ItemIds(CacheItemArgs args)
    {
        var ids = Held(args.CacheId ?? "").Where(id => id.StartsWith(args.ItemIdPrefix ?? "", StringComparison.Ordinal)).ToList();
        return ids.Count == 0 ? RpcResult.Fail<List<string>>(ErrorCodes.NotFound) : ids;
    }

    /// <summary>The object itself (the profile, filter or destination as its Get… method answers it); there is no remote
    /// cache to ask, so GetItemWithRemote answers the same.</summary>
    private RpcResult<object> Item(CacheItemArgs args)
    {
        var partition = args.CacheId ?? "";
        var id = args.ItemId ?? "";
        object? item = events.HeldItem(partition, id) ?? partition switch
        {
            "*destinations" when rals.RatingData.Destinations.TryGetValue(id, out var prefixes) =>
                new Obol.Api.DestinationWire(id, [.. prefixes]),
            "*reverse_destinations" when Held(partition).Contains(id, StringComparer.Ordinal) =>
                rals.RatingData.Destinations.Where(d => d.Value.Contains(id)).Select(d => d.Key).Order(StringComparer.Ordinal).ToList(),
            _ => null,
        };
        return item is null ? RpcResult.Fail<object>(ErrorCodes.NotFound) : RpcResult.Ok(item);
    }

    private IEnumerable<string> Selected(CacheIdsArgs args) => args.CacheIds is { Count: > 0 } ids ? ids : partitions.Order(StringComparer.Ordinal);

    private IReadOnlyList<string> Held(string partition) => events.HeldIds(partition) ?? partition switch
    {
        "*destinations" => [.. rals.RatingData.Destinations.Keys.Order(StringComparer.Ordinal)],
        "*reverse_destinations" => [.. rals.RatingData.Destinations.Values.SelectMany(p => p).Distinct().Order(StringComparer.Ordinal)],
        "*rating_plans" => [.. rals.RatingData.RatingPlans.Select(p => p.Id).Order(StringComparer.Ordinal)],
        "*rating_profiles" => [.. rals.RatingData.RatingProfiles.Select(p => p.Id).Order(StringComparer.Ordinal)],
        "*actions" => rals.ActionIds,
        "*action_plans" => [.. rals.ActionPlans.Select(p => p.Id).Order(StringComparer.Ordinal)],
        "*account_action_plans" => [.. rals.ActionPlans.SelectMany(p => p.AccountIds).Distinct().Order(StringComparer.Ordinal)],
        "*action_triggers" => [.. rals.ActionTriggerSets.Keys.Order(StringComparer.Ordinal)],
        _ => [],
    };
}

/// <summary>engine.CacheStatsWithMetadata: the stats and the answering node.</summary>
internal sealed record CacheStatsWithMetadata(Dictionary<string, CacheStats> CacheStatistics, Dictionary<string, object?> Metadata);

/// <summary>ltcache.CacheStats.</summary>
internal sealed record CacheStats(int Items, int Groups);

/// <summary>utils.AttrCacheIDsWithAPIOpts.</summary>
internal sealed record CacheIdsArgs
{
    [JsonPropertyName("CacheIDs")]
    public IReadOnlyList<string>? CacheIds { get; init; }
}

/// <summary>utils.ArgsGetCacheItemWithAPIOpts, ArgsGetCacheItemIDsWithAPIOpts and ArgsGetGroupWithAPIOpts.</summary>
internal sealed record CacheItemArgs
{
    [JsonPropertyName("CacheID")]
    public string? CacheId { get; init; }

    [JsonPropertyName("ItemID")]
    public string? ItemId { get; init; }

    [JsonPropertyName("ItemIDPrefix")]
    public string? ItemIdPrefix { get; init; }

    [JsonPropertyName("GroupID")]
    public string? GroupId { get; init; }
}
