using NodaTime;
using Obol.Events;
using Obol.GoJson;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.Scheduling;

namespace Obol.Engine;

/// <summary>What TrendS and RankingS share about their schedules (engine/trends.go scheduleAutomaticQueries,
/// V1GetScheduledTrends).</summary>
internal static class StatQueryScheduling
{
    /// <summary>The profiles <c>scheduled_ids</c> names: every profile when the map is empty, every profile of a tenant
    /// listed without IDs.</summary>
    public static IEnumerable<TProfile> Selected<TProfile>(IEnumerable<TProfile> profiles, IReadOnlyDictionary<string, IReadOnlyList<string>> scheduledIds)
        where TProfile : IEventProfile =>
        scheduledIds.Count == 0
            ? profiles
            : profiles.Where(p => scheduledIds.TryGetValue(p.Tenant, out var ids) && (ids.Count == 0 || ids.Contains(p.Id, StringComparer.Ordinal)));

    /// <summary>The tenant's entries whose IDs start with one of <paramref name="prefixes"/> (all when none), by next run.</summary>
    public static RpcResult<List<T>> Scheduled<T>(ScheduledQueries schedules, string tenant, IReadOnlyList<string>? prefixes,
        Func<string, Instant, Instant, T> wire)
    {
        var entries = schedules.Entries(tenant)
            .Where(e => prefixes is not { Count: > 0 } || prefixes.Any(p => e.Id.StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(e => e.Next ?? GoJsonTimes.ZeroInstant)
            .Select(e => wire(e.Id, e.Next ?? GoJsonTimes.ZeroInstant, e.Previous ?? GoJsonTimes.ZeroInstant))
            .ToList();
        return entries.Count == 0 ? RpcResult.Fail<List<T>>(ErrorCodes.NotFound) : entries;
    }
}
