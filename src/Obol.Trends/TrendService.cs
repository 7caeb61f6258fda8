using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;

namespace Obol.Trends;

/// <summary>
/// TrendS's state: the profiles in force and each profile's trend. <see cref="Compute"/> is what a scheduled query does
/// (engine/trends.go computeTrend); scheduling, storing and reporting are the host's.
/// </summary>
public sealed class TrendService(int roundingDecimals)
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), Trend> _trends = new();
    private volatile FrozenDictionary<(string Tenant, string Id), TrendProfile> _profiles = FrozenDictionary<(string, string), TrendProfile>.Empty;

    public IEnumerable<TrendProfile> Profiles => _profiles.Values;

    public void Load(IEnumerable<TrendProfile> profiles) => _profiles = profiles.ToFrozenDictionary(p => (p.Tenant, p.Id));

    public TrendProfile? Find(string tenant, string id) => _profiles.GetValueOrDefault((tenant, id));

    public Trend? Get(string tenant, string id) => _trends.GetValueOrDefault((tenant, id));

    /// <summary>A trend read back from the store at start.</summary>
    public void Restore(Trend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        _trends[(trend.Tenant, trend.Id)] = trend;
    }

    /// <summary>
    /// One run of the profile: its queue's metrics added to its trend at <paramref name="now"/>. Null with the reason
    /// when the profile is gone or the queue cannot be read; the trend and whether it has a new run otherwise.
    /// </summary>
    public (Trend? Trend, bool Added, string? Error) Compute(string tenant, string id, Func<string, string, IReadOnlyDictionary<string, decimal>?> queueMetrics,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(queueMetrics);
        if (Find(tenant, id) is not { } profile)
        {
            return (null, false, $"no trend profile {tenant}:{id}");
        }
        if (queueMetrics(tenant, profile.Definition.StatId) is not { } metrics)
        {
            return (null, false, $"computing trend with id: <{tenant}:{id}> for stats <{profile.Definition.StatId}> error: <NOT_FOUND>");
        }
        var trend = _trends.GetOrAdd((tenant, id), key => new Trend(key.Tenant, key.Id));
        lock (trend.Gate)
        {
            return (trend, trend.Add(profile.Definition, metrics, now, roundingDecimals), null);
        }
    }
}
