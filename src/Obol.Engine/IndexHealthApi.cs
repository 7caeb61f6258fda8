using Obol.Api.JsonRpc;
using Obol.Events;

namespace Obol.Engine;

/// <summary>
/// APIerSv1.Get&lt;Subsystem&gt;IndexesHealth (engine/libindex_health.go GetFltrIdxHealth). CGRateS keeps profiles and
/// their filter indexes in DataDB and checks one against the other; Obol keeps the profiles in its store and the
/// indexes in memory, so it checks the indexes in force against the ones the stored profiles give, which is what a
/// restart would serve: MissingObjects are indexed profiles the store no longer holds, MissingIndexes the stored
/// profiles' keys the live index lacks, BrokenIndexes live keys of stored profiles that their filters no longer give,
/// and MissingFilters filter IDs the stored profiles name that the store does not hold. The cache limits and TTLs of
/// the arguments size CGRateS's scratch caches and change nothing here.
/// </summary>
internal static class IndexHealthApi
{
    /// <summary>One subsystem: its method's item name, the stored profiles and those in force, the live index keys and
    /// the keys profiles give, both by (tenant, context), and a profile's contexts (none where the kind has none).</summary>
    public sealed record Subsystem(
        string Name,
        string IndexType,
        Func<CancellationToken, Task<IReadOnlyList<IEventProfile>>> Stored,
        Func<IEnumerable<IEventProfile>> InForce,
        Func<string, string, IEnumerable<(string Key, IReadOnlyList<string> Items)>> Live,
        Func<IReadOnlyList<IEventProfile>, Func<string, string, IEnumerable<(string Key, IReadOnlyList<string> Items)>>> Indexed,
        Func<IEventProfile, IEnumerable<string>> Contexts);

    public static void Register(JsonRpcDispatcher dispatcher, IReadOnlyList<Subsystem> subsystems,
        Func<CancellationToken, Task<IReadOnlySet<(string Tenant, string Id)>>> storedFilters)
    {
        foreach (var subsystem in subsystems)
        {
            dispatcher.Add<Dictionary<string, object?>, FilterIhReply>($"APIerSv1.Get{subsystem.Name}IndexesHealth", async (_, ct) =>
                await CheckAsync(subsystem, await storedFilters(ct).ConfigureAwait(false), ct).ConfigureAwait(false));
        }
        // CGRateS stores an account -> action plans index and a prefix -> destinations index beside the objects, which can
        // drift from them. Obol keeps neither: GetAccountActionPlan and GetReverseDestination read the action plans and the
        // destinations themselves, so there is no index to find missing or broken, and the report is the healthy one.
        dispatcher.Add<Dictionary<string, object?>, AccountActionPlanIhReply>("APIerSv1.GetAccountActionPlansIndexHealth", (_, _) =>
            ValueTask.FromResult(RpcResult.Ok(new AccountActionPlanIhReply([], []))));
        dispatcher.Add<Dictionary<string, object?>, ReverseDestinationsIhReply>("APIerSv1.GetReverseDestinationsIndexHealth", (_, _) =>
            ValueTask.FromResult(RpcResult.Ok(new ReverseDestinationsIhReply([], []))));
        dispatcher.Add<Dictionary<string, object?>, Dictionary<string, ReverseFilterIhReply>>("APIerSv1.GetReverseFilterHealth", async (_, ct) =>
        {
            var filters = await storedFilters(ct).ConfigureAwait(false);
            var reply = new Dictionary<string, ReverseFilterIhReply>(StringComparer.Ordinal);
            foreach (var subsystem in subsystems)
            {
                if (await CheckReverseAsync(subsystem, filters, ct).ConfigureAwait(false) is { } found)
                {
                    reply[subsystem.IndexType] = found;
                }
            }
            return reply;
        });
    }

    private static async Task<FilterIhReply> CheckAsync(Subsystem subsystem, IReadOnlySet<(string Tenant, string Id)> filters, CancellationToken ct)
    {
        var stored = await subsystem.Stored(ct).ConfigureAwait(false);
        var storedIds = stored.Select(p => (p.Tenant, p.Id)).ToHashSet();
        // A profile naming a filter the store lacks is reported under MissingFilters; it cannot be indexed.
        var indexed = subsystem.Indexed([.. stored.Where(p => p.FilterIds.All(f => f.StartsWith('*') || filters.Contains((p.Tenant, f))))]);
        var scopes = stored.Concat(subsystem.InForce()).SelectMany(p => subsystem.Contexts(p).DefaultIfEmpty("").Select(c => (p.Tenant, Context: c)))
            .Distinct().ToList();
        var live = Entries(scopes, subsystem.Live);
        var expected = Entries(scopes, indexed);
        var missingObjects = live.Where(e => !storedIds.Contains((e.Tenant, e.Id))).Select(e => e.Tenant + ":" + e.Id).Distinct().Order(StringComparer.Ordinal);
        var missingIndexes = Grouped(expected.Except(live));
        var brokenIndexes = Grouped(live.Except(expected).Where(e => storedIds.Contains((e.Tenant, e.Id))));
        var missingFilters = stored
            .SelectMany(p => p.FilterIds.Where(f => !f.StartsWith('*') && !filters.Contains((p.Tenant, f))).Select(f => (Key: p.Tenant + ":" + f, p.Id)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        return new FilterIhReply([.. missingObjects], missingIndexes, brokenIndexes, missingFilters);
    }

    /// <summary>
    /// GetReverseFilterHealth for one subsystem (engine/libindex_health.go GetRevFltrIdxHealth): which filters each
    /// profile in force refers to (the reverse index Obol derives) against the stored profile's references; null when
    /// nothing differs, as CGRateS leaves a healthy type out.
    /// </summary>
    private static async Task<ReverseFilterIhReply?> CheckReverseAsync(Subsystem subsystem, IReadOnlySet<(string Tenant, string Id)> filters,
        CancellationToken ct)
    {
        static IEnumerable<string> Named(IEventProfile p) => p.FilterIds.Where(f => !f.StartsWith('*'));
        var stored = (await subsystem.Stored(ct).ConfigureAwait(false)).ToDictionary(p => p.Tenant + ":" + p.Id, StringComparer.Ordinal);
        var inForce = subsystem.InForce().Where(p => Named(p).Any()).ToDictionary(p => p.Tenant + ":" + p.Id, StringComparer.Ordinal);
        var missingObjects = inForce.Keys.Where(k => !stored.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var missingFilters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var missingReverse = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var brokenReverse = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, profile) in stored.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var live = inForce.TryGetValue(key, out var found) ? Named(found).ToHashSet(StringComparer.Ordinal) : [];
            foreach (var filter in Named(profile))
            {
                if (!filters.Contains((profile.Tenant, filter)))
                {
                    Add(missingFilters, profile.Tenant + ":" + filter, profile.Id);
                }
                else if (!live.Contains(filter))
                {
                    Add(missingReverse, key, filter);
                }
            }
            foreach (var filter in live.Except(Named(profile)).Order(StringComparer.Ordinal))
            {
                Add(brokenReverse, key, filter);
            }
        }
        return missingObjects.Count + missingFilters.Count + missingReverse.Count + brokenReverse.Count == 0
            ? null
            : new ReverseFilterIhReply(missingObjects, missingReverse, brokenReverse, missingFilters);
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }

    /// <summary>Every (key, profile) of the scopes' indexes; the key as CGRateS prints it, <c>tenant[:context]:type:path:value</c>.</summary>
    private static HashSet<(string Key, string Tenant, string Id)> Entries(IEnumerable<(string Tenant, string Context)> scopes,
        Func<string, string, IEnumerable<(string Key, IReadOnlyList<string> Items)>> index)
    {
        var entries = new HashSet<(string, string, string)>();
        foreach (var (tenant, context) in scopes)
        {
            var prefix = context.Length == 0 ? tenant : tenant + ":" + context;
            foreach (var (key, items) in index(tenant, context))
            {
                foreach (var id in items)
                {
                    entries.Add((prefix + ":" + key, tenant, id));
                }
            }
        }
        return entries;
    }

    private static Dictionary<string, List<string>> Grouped(IEnumerable<(string Key, string Tenant, string Id)> entries) =>
        entries.GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Id).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
}

/// <summary>engine.ReverseFilterIHReply.</summary>
internal sealed record ReverseFilterIhReply(List<string> MissingObjects, Dictionary<string, List<string>> MissingReverseIndexes,
    Dictionary<string, List<string>> BrokenReverseIndexes, Dictionary<string, List<string>> MissingFilters);

/// <summary>engine.AccountActionPlanIHReply.</summary>
internal sealed record AccountActionPlanIhReply(Dictionary<string, List<string>> MissingAccountActionPlans,
    Dictionary<string, List<string>> BrokenReferences);

/// <summary>engine.ReverseDestinationsIHReply.</summary>
internal sealed record ReverseDestinationsIhReply(Dictionary<string, List<string>> MissingReverseDestinations,
    Dictionary<string, List<string>> BrokenReferences);

/// <summary>engine.FilterIHReply.</summary>
internal sealed record FilterIhReply(List<string> MissingObjects, Dictionary<string, List<string>> MissingIndexes,
    Dictionary<string, List<string>> BrokenIndexes, Dictionary<string, List<string>> MissingFilters);
