using NodaTime;
using Obol.Primitives;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Attributes;
using Obol.Chargers;
using Obol.Config;
using Obol.Events;
using Obol.Exporters;
using Obol.Filters;
using Obol.Ips;
using Obol.Logging;
using Obol.Profiles;
using Obol.Rals;
using Obol.Resources;
using Obol.Routes;
using Obol.Stats;
using Obol.Storage.Sqlite;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>
/// FilterS and the event subsystems (StatS, ThresholdS, ...) over one profile catalog: profiles and state restored from
/// the store, fed by every tariff-plan load, served over the API when their section is enabled. The profile
/// management methods (APIerSv1.Set/Get/Remove...) are always there, as APIerSv1 is.
/// </summary>
internal sealed class EventSubsystems : IAsyncDisposable
{
    private readonly ObolConfig _config;
    private readonly ProfileCatalog _catalog;
    private readonly StatService _stats;
    private readonly ThresholdService _thresholds;
    private readonly RouteService _routes;
    private readonly ResourceService _resources;
    private readonly IpService _ips;
    private readonly ProfileKind<IpProfileDefinition, IpProfile> _ipKind;
    private readonly ProfileKind<RouteProfileDefinition, RouteProfile> _routeKind;
    private readonly ProfileKind<ResourceProfileDefinition, ResourceProfile> _resourceKind;
    private readonly AttributeService _attributes;
    private readonly ChargerService _chargers;
    private readonly ProfileKind<AttributeProfileDefinition, AttributeProfile> _attributeKind;
    private readonly ProfileKind<ChargerProfileDefinition, ChargerProfile> _chargerKind;
    private readonly ExporterService? _exporters;
    private readonly LoadIds _loadIds;
    private readonly AttributeOptions _attributeOptions;
    private readonly int _roundingDecimals;
    private readonly string _tenant;
    private readonly ProfileKind<StatQueueProfileDefinition, StatQueueProfile> _statKind;
    private readonly ProfileKind<ThresholdProfileDefinition, ThresholdProfile> _thresholdKind;
    private readonly DispatcherSubsystem _dispatchers;
    private readonly TrendSubsystem _trends;
    private readonly RankingSubsystem _rankings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _backups = [];

    private EventSubsystems(ObolConfig config, SqliteStore store, RalsService rals, DateTimeZone zone, EngineLog log, int roundingDecimals,
        string tenant, string category)
    {
        _config = config;
        (_roundingDecimals, _tenant) = (roundingDecimals, tenant);
        var documents = new StoredDocuments(store.Documents);
        var dynamicData = new FilterDynamicData(rals, config.Filters);
        var sources = new RalsFilterSources(rals);
        _catalog = new ProfileCatalog(new FilterEnvironment { Zone = zone, Destinations = sources, Timings = sources, DynamicData = dynamicData },
            documents, log.Warning, rals.LoadIds);
        _stats = new StatService(_catalog.Filters, SubsystemOptions.Stats(config.Stats, roundingDecimals), documents, zone);
        dynamicData.Stats = _stats;
        _thresholds = new ThresholdService(_catalog.Filters, new RalsThresholdActions(rals, log), SubsystemOptions.Thresholds(config.Thresholds), documents);
        _thresholds.Warning += log.Warning;
        var thresholdSink = new ThresholdSink(_thresholds);
        if (config.Stats.ThresholdsConns.Count > 0 && config.Thresholds.Enabled)
        {
            _stats.Thresholds = thresholdSink;
        }
        _resources = new ResourceService(_catalog.Filters, SubsystemOptions.Resources(config.Resources, tenant), documents);
        if (config.Resources.ThresholdsConns.Count > 0 && config.Thresholds.Enabled)
        {
            _resources.Thresholds = thresholdSink;
        }
        _ips = new IpService(_catalog.Filters, SubsystemOptions.Ips(config.Ips, tenant), documents);
        _ips.Warning += log.Warning;
        var routes = config.Routes;
        _routes = new RouteService(_catalog.Filters, SubsystemOptions.Routes(routes, tenant),
            routes.RalsConns.Count > 0 ? new RalsRouteCosts(rals, zone, category) : null,
            routes.StatsConns.Count > 0 ? new StatRouteMetrics(_stats) : null,
            routes.ResourcesConns.Count > 0 ? new ResourceRouteUsage(_resources) : null);
        var attributeOptions = SubsystemOptions.Attributes(config.Attributes, tenant, roundingDecimals);
        _attributes = new AttributeService(AttributeTable.Empty(_catalog.Filters, attributeOptions));
        var chargerOptions = SubsystemOptions.Chargers(config.Chargers, tenant);
        _chargers = new ChargerService(ChargerTable.Empty(_catalog.Filters, chargerOptions),
            config.Chargers.AttributesConns.Count > 0 ? _attributes : null);
        if (config.Ees.Enabled)
        {
            _exporters = new ExporterService(config.Ees, _catalog.Filters, new ExporterServiceOptions
            {
                DefaultTenant = tenant,
                DefaultTimezone = config.General.DefaultTimezone,
                Log = new ExportLog(log),
                Attributes = config.Ees.AttributesConns.Count > 0 ? new ExportAttributes(_attributes) : null,
            });
        }
        _attributeKind = _catalog.AddAttributes(_attributes, attributeOptions);
        _attributeOptions = attributeOptions;
        _chargerKind = _catalog.AddChargers(_chargers, chargerOptions);
        _statKind = _catalog.AddStats(_stats);
        _thresholdKind = _catalog.AddThresholds(_thresholds);
        _routeKind = _catalog.AddRoutes(_routes, SubsystemOptions.Index(routes.Indexing));
        _resourceKind = _catalog.AddResources(_resources);
        _ipKind = _catalog.AddIps(_ips);
        _dispatchers = new DispatcherSubsystem(_catalog, config, tenant, _attributes, log);
        var thresholdsForReports = config.Thresholds.Enabled ? _thresholds : null;
        _trends = new TrendSubsystem(_catalog, config, _stats, new StatQueryReports("TrendS", config.Trends, thresholdsForReports, _exporters, log.Warning),
            store.Documents, zone, roundingDecimals, tenant, log.Warning);
        _rankings = new RankingSubsystem(_catalog, config, _stats,
            new StatQueryReports("RankingS", config.Rankings, thresholdsForReports, _exporters, log.Warning), store.Documents, zone, tenant, log.Warning);
        rals.Subscribers.Add(_catalog);
        _loadIds = rals.LoadIds;
    }

    public ProfileCatalog Catalog => _catalog;

    public AttributeService Attributes => _attributes;

    public ChargerService Chargers => _chargers;

    public StatService Stats => _stats;

    public DispatcherSubsystem Dispatchers => _dispatchers;

    /// <summary>Starts TrendS's (and RankingS's) schedules; call once the tariff plan given at start is loaded.</summary>
    public async Task StartScheduledQueriesAsync(CancellationToken cancellationToken = default)
    {
        await _trends.StartAsync(cancellationToken).ConfigureAwait(false);
        await _rankings.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public ThresholdService Thresholds => _thresholds;

    /// <summary>Builds the subsystems and restores their profiles and state; call before the first tariff-plan load.</summary>
    public static async Task<EventSubsystems> StartAsync(ObolConfig config, SqliteStore store, RalsService rals, DateTimeZone zone, EngineLog log,
        int roundingDecimals, string tenant, string category)
    {
        var subsystems = new EventSubsystems(config, store, rals, zone, log, roundingDecimals, tenant, category);
        subsystems.StartBackup("ResourceS", "resources", config.Resources.StoreInterval, subsystems._resources.StoreDirtyAsync, log);
        subsystems.StartBackup("IPs", "IP allocations", config.Ips.StoreInterval, subsystems._ips.StoreDirtyAsync, log);
        subsystems.StartBackup("StatS", "stat queues", config.Stats.StoreInterval, subsystems._stats.StoreDirtyAsync, log);
        subsystems.StartBackup("ThresholdS", "thresholds", config.Thresholds.StoreInterval, subsystems._thresholds.StoreDirtyAsync, log);
        subsystems.StartBackup("TrendS", "trends", config.Trends.StoreInterval, subsystems._trends.StoreMarkedAsync, log);
        subsystems.StartBackup("RankingS", "rankings", config.Rankings.StoreInterval, subsystems._rankings.StoreMarkedAsync, log);
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
        foreach (var (key, json) in await store.Documents.ListAsync(StoredDocuments.Resources).ConfigureAwait(false))
        {
            if (!subsystems._resources.TryRestore(json, out var error))
            {
                log.Warning($"<ResourceS> stored resource {key} not restored: {error}");
            }
        }
        foreach (var (key, json) in await store.Documents.ListAsync(StoredDocuments.IpAllocations).ConfigureAwait(false))
        {
            if (!subsystems._ips.TryRestore(json, out var error))
            {
                log.Warning($"<IPs> stored allocations {key} not restored: {error}");
            }
        }
        return subsystems;
    }

    /// <summary>The ids this engine holds of a CGRateS cache partition's kind (<c>tenant:id</c>); null for a partition
    /// these subsystems do not hold.</summary>
    public IReadOnlyList<string>? HeldIds(string partition) => partition switch
    {
        "*filters" => _catalog.AllFilterIds(),
        "*attribute_profiles" => _attributeKind.AllIds(),
        "*charger_profiles" => _chargerKind.AllIds(),
        "*resource_profiles" or "*resources" => _resourceKind.AllIds(),
        "*ip_profiles" or "*ip_allocations" => _ipKind.AllIds(),
        "*statqueue_profiles" or "*statqueues" => _statKind.AllIds(),
        "*threshold_profiles" or "*thresholds" => _thresholdKind.AllIds(),
        "*route_profiles" => _routeKind.AllIds(),
        "*dispatcher_profiles" => _dispatchers.Profiles.AllIds(),
        "*dispatcher_hosts" => _dispatchers.Hosts.AllIds(),
        "*trend_profiles" => _trends.Profiles.AllIds(),
        "*ranking_profiles" => _rankings.Profiles.AllIds(),
        _ => null,
    };

    /// <summary>The object a CGRateS cache partition of these subsystems holds under <c>tenant:id</c>, as the API's
    /// Get… answers it; null when there is none.</summary>
    public object? HeldItem(string partition, string itemId)
    {
        var separator = itemId.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }
        var (tenant, id) = (itemId[..separator], itemId[(separator + 1)..]);
        return partition switch
        {
            "*filters" => _catalog.GetFilter(tenant, id),
            "*attribute_profiles" => _attributeKind.Find(tenant, id) is { } attribute ? AttributeProfileView.Of(attribute) : null,
            "*charger_profiles" => _chargerKind.Find(tenant, id),
            "*resource_profiles" => _resourceKind.Find(tenant, id),
            "*ip_profiles" => _ipKind.Find(tenant, id),
            "*statqueue_profiles" => _statKind.Find(tenant, id),
            "*threshold_profiles" => _thresholdKind.Find(tenant, id),
            "*route_profiles" => _routeKind.Find(tenant, id),
            "*dispatcher_profiles" => _dispatchers.Profiles.Find(tenant, id),
            "*dispatcher_hosts" => _dispatchers.Hosts.Find(tenant, id),
            "*trend_profiles" => _trends.Profiles.Find(tenant, id),
            "*ranking_profiles" => _rankings.Profiles.Find(tenant, id),
            _ => null,
        };
    }

    /// <summary>One subsystem's filter index keys for the tenant (and, for attributes, the context); null for an item
    /// type these subsystems do not index.</summary>
    public IEnumerable<(string Key, IReadOnlyList<string> Items)>? IndexKeys(string itemType, string tenant, string context) => itemType switch
    {
        "*thresholds" => _thresholds.Profiles.IndexKeys(tenant),
        "*stats" => _stats.Profiles.IndexKeys(tenant),
        "*resources" => _resources.Profiles.IndexKeys(tenant),
        "*ips" => _ips.Profiles.IndexKeys(tenant),
        "*routes" => _routes.Profiles.IndexKeys(tenant),
        "*chargers" => _chargers.Table.Profiles.IndexKeys(tenant),
        "*attributes" => _attributes.Table.IndexKeys(tenant, context),
        "*dispatchers" => DispatcherIndexKeys(tenant, context),
        _ => null,
    };

    public void Register(JsonRpcDispatcher dispatcher, IClock clock, string tenant, EngineLog log)
    {
        FilterIndexApi.Register(dispatcher, IndexKeys, tenant, _loadIds);
        IndexHealthApi.Register(dispatcher,
        [
            Health("Thresholds", "*threshold_filter_indexes", _thresholdKind, t => _thresholds.Profiles.IndexKeys(t)),
            Health("Resources", "*resource_filter_indexes", _resourceKind, t => _resources.Profiles.IndexKeys(t)),
            Health("IPs", "*ip_filter_indexes", _ipKind, t => _ips.Profiles.IndexKeys(t)),
            Health("Stats", "*stat_filter_indexes", _statKind, t => _stats.Profiles.IndexKeys(t)),
            Health("Routes", "*route_filter_indexes", _routeKind, t => _routes.Profiles.IndexKeys(t)),
            Health("Chargers", "*charger_filter_indexes", _chargerKind, t => _chargers.Table.Profiles.IndexKeys(t)),
            Health("Dispatchers", "*dispatcher_filter_indexes", _dispatchers.Profiles, t => _dispatchers.Service.Table.Profiles.IndexKeys(t)),
            new("Attributes", "*attribute_filter_indexes", async ct => await _catalog.StoredProfilesAsync(_attributeKind, ct).ConfigureAwait(false), () => _attributeKind.Profiles,
                (t, c) => _attributes.Table.IndexKeys(t, c),
                stored => AttributeTable.Create(stored.Cast<AttributeProfile>(), _catalog.Filters, _attributeOptions).IndexKeys,
                p => ((AttributeProfile)p).Contexts),
        ], ct => _catalog.StoredFilterIdsAsync(ct));
        var profiles = new ProfileApi(_catalog, tenant);
        profiles.RegisterFilters(dispatcher);
        profiles.Register(dispatcher, "AttributeProfile", _attributeKind, d => d.Tenant, (d, t) => d with { Tenant = t },
            view: AttributeProfileView.Of, alsoSetAs: "APIerSv2.SetAttributeProfile");
        profiles.Register(dispatcher, "ChargerProfile", _chargerKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        profiles.Register(dispatcher, "StatQueueProfile", _statKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        profiles.Register(dispatcher, "ThresholdProfile", _thresholdKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        profiles.Register(dispatcher, "RouteProfile", _routeKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        profiles.Register(dispatcher, "ResourceProfile", _resourceKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        profiles.Register(dispatcher, "IPProfile", _ipKind, d => d.Tenant, (d, t) => d with { Tenant = t });
        _dispatchers.Register(dispatcher, profiles);
        _trends.Register(dispatcher, profiles);
        _rankings.Register(dispatcher, profiles);
        new ProfileFolderExport(_catalog, _attributeKind, _chargerKind, _resourceKind, _statKind, _routeKind, _thresholdKind, _dispatchers.Profiles,
            _dispatchers.Hosts, _trends.Profiles, _rankings.Profiles, _ipKind).Register(dispatcher);
        if (_config.Routes.Enabled)
        {
            new RouteSv1Service(_routes, clock, tenant, log.Warning).Register(dispatcher);
        }
        if (_config.Ips.Enabled)
        {
            new IpsV1Service(_ips, clock, tenant).Register(dispatcher);
        }
        if (_config.Resources.Enabled)
        {
            new ResourceSv1Service(_resources, clock, tenant, (t, id) => _resourceKind.Find(t, id)).Register(dispatcher);
        }
        new AttributeSv1Service(_config.Attributes.Enabled ? _attributes : null, _config.Chargers.Enabled ? _chargers : null, clock, tenant)
            .Register(dispatcher);
        if (_exporters is not null)
        {
            new EeSv1Service(_exporters, tenant).Register(dispatcher);
        }
        if (_config.Stats.Enabled)
        {
            new StatSv1Service(_stats, clock, tenant).Register(dispatcher);
        }
        if (_config.Thresholds.Enabled)
        {
            new ThresholdSv1Service(_thresholds, clock, tenant).Register(dispatcher);
        }
    }

    /// <summary>CGRateS indexes dispatcher profiles per tenant and subsystem (the context); Obol per tenant, so the keys
    /// of a subsystem are those of the profiles serving it.</summary>
    private IEnumerable<(string Key, IReadOnlyList<string> Items)> DispatcherIndexKeys(string tenant, string subsystem)
    {
        var table = _dispatchers.Service.Table;
        foreach (var (key, items) in table.Profiles.IndexKeys(tenant))
        {
            var serving = items.Where(id => table.Profiles.Find(tenant, id) is { } p
                && (string.IsNullOrEmpty(subsystem) || p.Subsystems.Contains(subsystem, StringComparer.Ordinal))).ToList();
            if (serving.Count > 0)
            {
                yield return (key, serving);
            }
        }
    }

    /// <summary>A subsystem whose index is one per tenant, as its kind indexes it; the live keys read when asked, since
    /// every change swaps the subsystem's profiles.</summary>
    private IndexHealthApi.Subsystem Health<TDefinition, TProfile>(string name, string indexType, ProfileKind<TDefinition, TProfile> kind,
        Func<string, IEnumerable<(string Key, IReadOnlyList<string> Items)>> live)
        where TDefinition : class
        where TProfile : class, IEventProfile =>
        new(name, indexType, async ct => await _catalog.StoredProfilesAsync(kind, ct).ConfigureAwait(false), () => kind.Profiles, (tenant, _) => live(tenant),
            stored =>
            {
                var built = IndexedProfiles.Build(stored.Cast<TProfile>(), _catalog.Filters, kind.IndexOptions);
                return (tenant, _) => built.IndexKeys(tenant);
            }, _ => []);

    /// <summary>The keys of <c>ees</c> a running EEs takes from a configuration change: its exporters and how long they
    /// stay open, rebuilt as CGRateS's EEs reload rebuilds them.</summary>
    private static readonly IReadOnlySet<string> s_liveExporterKeys = new HashSet<string>(StringComparer.Ordinal) { "exporters", "cache", "failed_posts" };

    /// <summary>Lets the subsystems take their part of a configuration change: each one's <c>opts</c> (and RouteS's
    /// <c>default_ratio</c>) for the next requests; EEs its exporters, of which one that does not compile refuses the
    /// change.</summary>
    public void AddLive(LiveConfig live)
    {
        live.AddLive("stats", s_optsKeys, c => SubsystemOptions.Stats(c.Stats, _roundingDecimals), _stats.Reconfigure);
        live.AddLive("thresholds", s_optsKeys, c => SubsystemOptions.Thresholds(c.Thresholds), _thresholds.Reconfigure);
        live.AddLive("resources", s_optsKeys, c => SubsystemOptions.Resources(c.Resources, _tenant), _resources.Reconfigure);
        live.AddLive("ips", s_optsKeys, c => SubsystemOptions.Ips(c.Ips, _tenant), _ips.Reconfigure);
        live.AddLive("routes", s_routeKeys, c => SubsystemOptions.Routes(c.Routes, _tenant), _routes.Reconfigure);
        _dispatchers.AddLive(live);
        if (_exporters is not { } exporters)
        {
            return;
        }
        live.AddLive("ees", s_liveExporterKeys, c =>
        {
            try
            {
                return exporters.PrepareReconfigure(c.Ees);
            }
            catch (ExporterDefinitionException e)
            {
                throw new LiveConfigException(e.Message);
            }
        }, apply => apply());
    }

    private static readonly IReadOnlySet<string> s_optsKeys = new HashSet<string>(StringComparer.Ordinal) { "opts" };

    private static readonly IReadOnlySet<string> s_routeKeys = new HashSet<string>(StringComparer.Ordinal) { "opts", "default_ratio" };

    /// <summary>EEs, when <c>ees.enabled</c>.</summary>
    public ExporterService? Exporters => _exporters;

    public ResourceService Resources => _resources;

    /// <summary>IPs' service (its profiles are always kept, as APIerSv1 serves them).</summary>
    public IpService Ips => _ips;

    public RouteService Routes => _routes;

    /// <summary>A positive store_interval's backup: the states changed since the last one stored that often, and once
    /// more at shutdown.</summary>
    private void StartBackup(string subsystem, string what, Usage? interval, Func<CancellationToken, Task<int>> storeChanged, EngineLog log)
    {
        if (StateBackup.BackupPeriod(interval) is not { } period)
        {
            return;
        }
        _backups.Add(Task.Run(async () =>
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(period, _stopping.Token).ConfigureAwait(false);
                    await storeChanged(_stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is IOException or InvalidOperationException)
                {
                    log.Warning($"<{subsystem}> failed storing {what}: {e.Message}");
                }
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_backups).ConfigureAwait(false);
        await _resources.StoreDirtyAsync(CancellationToken.None).ConfigureAwait(false);
        await _stats.StoreDirtyAsync(CancellationToken.None).ConfigureAwait(false);
        await _thresholds.StoreDirtyAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        await _dispatchers.DisposeAsync().ConfigureAwait(false);
        await _trends.DisposeAsync().ConfigureAwait(false);
        await _rankings.DisposeAsync().ConfigureAwait(false);
        if (_exporters is not null)
        {
            await _exporters.DisposeAsync().ConfigureAwait(false);
        }
        _catalog.Dispose();
    }

    /// <summary>stats.thresholds_conns / resources.thresholds_conns pointing at this engine's ThresholdS.</summary>
    private sealed class ThresholdSink(ThresholdService thresholds) : IStatThresholdSink, IResourceThresholdSink
    {
        public async ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken)
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var (_, error) = await thresholds.ProcessEventAsync(thresholdEvent, now, cancellationToken).ConfigureAwait(false);
            return error;
        }
    }

    /// <summary>The exporters' <c>*log</c> output and warnings in the engine log.</summary>
    private sealed class ExportLog(EngineLog log) : ILogSink
    {
        public void Info(string message) => log.Info(message);

        public void Warning(string message) => log.Warning(message);
    }

    /// <summary>ees.attributes_conns pointing at this engine's AttributeS.</summary>
    private sealed class ExportAttributes(AttributeService attributes) : IExportAttributes
    {
        public Task<CgrEvent> ProcessAsync(CgrEvent ev, IReadOnlyList<string> attributeIds, string context, CancellationToken cancellationToken)
        {
            var request = ev.Clone();
            request.ApiOpts[EventOptions.Context] = context;
            if (attributeIds.Count > 0)
            {
                request.ApiOpts[EventOptions.AttributeProfileIds] = attributeIds.ToList();
            }
            var result = attributes.ProcessEvent(request, SystemClock.Instance.GetCurrentInstant());
            return Task.FromResult(result.Event ?? ev);
        }
    }
}
