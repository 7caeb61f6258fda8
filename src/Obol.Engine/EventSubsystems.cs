using NodaTime;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Events;
using Obol.Filters;
using Obol.Logging;
using Obol.Profiles;
using Obol.Rals;
using Obol.Stats;
using Obol.Storage.Sqlite;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>
/// FilterS and the event subsystems (StatS, ThresholdS, ...) over one profile catalog: profiles and state restored from
/// the store, fed by every tariff-plan load, served over the API when their section is enabled. The profile
/// management methods (APIerSv1.Set/Get/Remove...) are always there, as APIerSv1 is.
/// </summary>
internal sealed class EventSubsystems : IDisposable
{
    private readonly ObolConfig _config;
    private readonly ProfileCatalog _catalog;
    private readonly StatService _stats;
    private readonly ThresholdService _thresholds;
    private readonly ProfileKind<StatQueueProfileDefinition, StatQueueProfile> _statKind;
    private readonly ProfileKind<ThresholdProfileDefinition, ThresholdProfile> _thresholdKind;

    private EventSubsystems(ObolConfig config, SqliteStore store, RalsService rals, DateTimeZone zone, EngineLog log, int roundingDecimals)
    {
        _config = config;
        var documents = new StoredDocuments(store.Documents);
        _catalog = new ProfileCatalog(new FilterEnvironment { Zone = zone, Destinations = new RalsFilterSources(rals) }, documents, log.Warning);
        _stats = new StatService(_catalog.Filters, new StatServiceOptions
        {
            Index = IndexOptions(config.Stats.Indexing),
            RoundingDecimals = roundingDecimals,
            ProfileIds = config.Stats.ProfileIds,
            ProfileIgnoreFilters = config.Stats.ProfileIgnoreFilters,
        }, documents, zone);
        _thresholds = new ThresholdService(_catalog.Filters, new RalsThresholdActions(rals, log), new ThresholdServiceOptions
        {
            Index = IndexOptions(config.Thresholds.Indexing),
            ProfileIds = config.Thresholds.ProfileIds,
            ProfileIgnoreFilters = config.Thresholds.ProfileIgnoreFilters,
        }, documents);
        _thresholds.Warning += log.Warning;
        if (config.Stats.ThresholdsConns.Count > 0 && config.Thresholds.Enabled)
        {
            _stats.Thresholds = new ThresholdSink(_thresholds);
        }
        _statKind = _catalog.AddStats(_stats);
        _thresholdKind = _catalog.AddThresholds(_thresholds);
        rals.Subscribers.Add(_catalog);
    }

    public ProfileCatalog Catalog => _catalog;

    public StatService Stats => _stats;

    public ThresholdService Thresholds => _thresholds;

    /// <summary>Builds the subsystems and restores their profiles and state; call before the first tariff-plan load.</summary>
    public static async Task<EventSubsystems> StartAsync(ObolConfig config, SqliteStore store, RalsService rals, DateTimeZone zone, EngineLog log,
        int roundingDecimals)
    {
        var subsystems = new EventSubsystems(config, store, rals, zone, log, roundingDecimals);
        await subsystems._catalog.RestoreAsync().ConfigureAwait(false);
        foreach (var (key, json) in await store.Documents.ListAsync(StoredDocuments.StatQueues).ConfigureAwait(false))
        {
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            string? error = "bad key";
            if (separator < 0 || !subsystems._stats.TryRestore(key[..separator], key[(separator + 1)..], json, out error))
            {
                log.Warning($"<StatS> stored queue {key} not restored: {error}");
            }
        }
        foreach (var (key, json) in await store.Documents.ListAsync(StoredDocuments.Thresholds).ConfigureAwait(false))
        {
            if (!subsystems._thresholds.TryRestore(json, out var error))
            {
                log.Warning($"<ThresholdS> stored threshold {key} not restored: {error}");
            }
        }
        return subsystems;
    }

    public void Register(JsonRpcDispatcher dispatcher, IClock clock, string tenant)
    {
        var profiles = new ProfileApi(_catalog, tenant);
        profiles.RegisterFilters(dispatcher);
        profiles.Register(dispatcher, "StatQueueProfile", _statKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        profiles.Register(dispatcher, "ThresholdProfile", _thresholdKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        if (_config.Stats.Enabled)
        {
            new StatSv1Service(_stats, clock, tenant).Register(dispatcher);
        }
        if (_config.Thresholds.Enabled)
        {
            new ThresholdSv1Service(_thresholds, clock, tenant).Register(dispatcher);
        }
    }

    public void Dispose() => _catalog.Dispose();

    /// <summary>A section's indexing: a null string list indexes every field; the other lists index only theirs.</summary>
    public static FilterIndexOptions IndexOptions(IndexingConfig indexing) => new()
    {
        IndexedSelects = indexing.IndexedSelects,
        StringIndexedFields = indexing.StringIndexedFields is { } fields ? fields.ToHashSet(StringComparer.Ordinal) : null,
        PrefixIndexedFields = indexing.PrefixIndexedFields.ToHashSet(StringComparer.Ordinal),
        SuffixIndexedFields = indexing.SuffixIndexedFields.ToHashSet(StringComparer.Ordinal),
        ExistsIndexedFields = indexing.ExistsIndexedFields.ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>stats.thresholds_conns pointing at this engine's ThresholdS.</summary>
    private sealed class ThresholdSink(ThresholdService thresholds) : IStatThresholdSink
    {
        public async ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken)
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var (_, error) = await thresholds.ProcessEventAsync(thresholdEvent, now, cancellationToken).ConfigureAwait(false);
            return error;
        }
    }
}
