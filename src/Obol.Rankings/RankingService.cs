using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;

namespace Obol.Rankings;

/// <summary>RankingS's state: the profiles in force and each one's last ranking; scheduling, storing and reporting are
/// the host's.</summary>
public sealed class RankingService
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), Ranking> _rankings = new();
    private volatile FrozenDictionary<(string Tenant, string Id), RankingProfile> _profiles = FrozenDictionary<(string, string), RankingProfile>.Empty;

    public IEnumerable<RankingProfile> Profiles => _profiles.Values;

    public void Load(IEnumerable<RankingProfile> profiles) => _profiles = profiles.ToFrozenDictionary(p => (p.Tenant, p.Id));

    public RankingProfile? Find(string tenant, string id) => _profiles.GetValueOrDefault((tenant, id));

    public Ranking? Get(string tenant, string id) => _rankings.GetValueOrDefault((tenant, id));

    public void Restore(Ranking ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        _rankings[(ranking.Tenant, ranking.Id)] = ranking;
    }

    /// <summary>One run of the profile; the new ranking, or null with the reason.</summary>
    public Ranking? Compute(string tenant, string id, Func<string, string, IReadOnlyDictionary<string, decimal>?> queueMetrics, Instant now,
        out string? error)
    {
        ArgumentNullException.ThrowIfNull(queueMetrics);
        if (Find(tenant, id) is not { } profile)
        {
            error = $"no ranking profile {tenant}:{id}";
            return null;
        }
        var ranking = Ranking.Compute(profile.Definition, statId => queueMetrics(tenant, statId), now, out error);
        if (ranking is not null)
        {
            _rankings[(tenant, id)] = ranking;
        }
        return ranking;
    }
}
