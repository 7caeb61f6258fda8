using System.Collections.Immutable;
using System.Text.Json;
using Obol.Filters;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rals;
using Obol.TariffPlans;

namespace Obol.Profiles;

/// <summary>
/// The profiles of the event subsystems (filters, attributes, chargers, routes, stats, thresholds, resources) as
/// APIerSv1 and the tariff-plan loader change them. Every change is compiled and indexed first (a bad value or a
/// broken filter reference is refused with nothing changed), stored, and only then swapped into the services.
/// A plan load adds and replaces profiles by Tenant+ID and leaves the others, as the CGRateS loader does.
/// </summary>
public sealed partial class ProfileCatalog : ITariffPlanSubscriber, IDisposable
{
    public const string FiltersCollection = "filters";

    private readonly CatalogFilterStore _filterStore = new();
    private readonly IProfileDocumentStore? _store;
    private readonly Action<string> _warn;
    private readonly List<IProfileKind> _kinds = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableDictionary<(string Tenant, string Id), FilterDefinition> _filters = ImmutableDictionary<(string, string), FilterDefinition>.Empty;
    private readonly LoadIds? _loadIds;
    private bool _hasStoredProfiles;

    public ProfileCatalog(FilterEnvironment environment, IProfileDocumentStore? store = null, Action<string>? warn = null, LoadIds? loadIds = null)
    {
        Environment = environment;
        _store = store;
        _loadIds = loadIds;
        _warn = warn ?? (_ => { });
        Filters = new FilterService(_filterStore, environment);
    }

    public FilterEnvironment Environment { get; }

    /// <summary>The live FilterS every subsystem shares.</summary>
    public FilterService Filters { get; }

    /// <summary>Registers a profile kind; call before <see cref="RestoreAsync"/>.</summary>
    public ProfileKind<TDefinition, TProfile> AddKind<TDefinition, TProfile>(string collection, Func<TDefinition, TProfile> compile,
        Func<TariffPlan, TariffPlanReadOptions, IEnumerable<(SourceLocation, Func<TDefinition>)>> fromTp, FilterIndexOptions index,
        Func<Events.IndexedProfiles<TProfile>, ValueTask> apply)
        where TDefinition : class
        where TProfile : class, Events.IEventProfile
    {
        var kind = new ProfileKind<TDefinition, TProfile>(collection, compile, fromTp, index, apply);
        _kinds.Add(kind);
        return kind;
    }

    /// <summary>Loads every stored profile and indexes them (engine start).</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken = default)
    {
        if (_store is null)
        {
            return;
        }
        var filters = ImmutableDictionary.CreateBuilder<(string, string), FilterDefinition>();
        var compiled = new List<Filter>();
        foreach (var (key, json) in await _store.ListAsync(FiltersCollection, cancellationToken).ConfigureAwait(false))
        {
            _hasStoredProfiles = true;
            try
            {
                var definition = JsonSerializer.Deserialize<FilterDefinition>(json, GoJsonOptions.Default) ?? throw new FilterDefinitionException("null document");
                compiled.Add(definition.Compile());
                filters[(definition.Tenant, definition.Id)] = definition;
            }
            catch (Exception e) when (e is FilterDefinitionException or JsonException)
            {
                _warn($"stored filter {key} skipped: {e.Message}");
            }
        }
        _filters = filters.ToImmutable();
        _filterStore.Table = new FilterTable(compiled);
        foreach (var kind in _kinds)
        {
            var documents = await _store.ListAsync(kind.Collection, cancellationToken).ConfigureAwait(false);
            _hasStoredProfiles |= documents.Count > 0;
            kind.Restore(documents, _warn);
        }
        foreach (var kind in _kinds)
        {
            try
            {
                await kind.Stage(Filters)().ConfigureAwait(false);
            }
            catch (FilterDefinitionException e)
            {
                _warn($"stored {kind.Collection} not indexed: {e.Message}");
            }
        }
    }

    public FilterDefinition? GetFilter(string tenant, string id) => _filters.GetValueOrDefault((tenant, id));

    public IReadOnlyList<string> FilterIds(string tenant) =>
        [.. _filters.Keys.Where(k => k.Tenant == tenant).Select(k => k.Id).Order(StringComparer.Ordinal)];

    /// <summary>Every filter as <c>tenant:id</c>, sorted.</summary>
    public IReadOnlyList<string> AllFilterIds() => [.. _filters.Keys.Select(k => k.Tenant + ":" + k.Id).Order(StringComparer.Ordinal)];

    /// <summary>The kind's profiles as the store holds them (what a restart would serve); the ones in force when there
    /// is no store.</summary>
    public async Task<IReadOnlyList<TProfile>> StoredProfilesAsync<TDefinition, TProfile>(ProfileKind<TDefinition, TProfile> kind,
        CancellationToken cancellationToken = default)
        where TDefinition : class
        where TProfile : class, Events.IEventProfile =>
        _store is null ? [.. kind.Profiles] : kind.Compile(await _store.ListAsync(kind.Collection, cancellationToken).ConfigureAwait(false));

    /// <summary>The (tenant, ID) of every filter the store holds; the ones in force when there is no store.</summary>
    public async Task<IReadOnlySet<(string Tenant, string Id)>> StoredFilterIdsAsync(CancellationToken cancellationToken = default)
    {
        if (_store is null)
        {
            return _filters.Keys.ToHashSet();
        }
        var ids = new HashSet<(string, string)>();
        foreach (var (key, _) in await _store.ListAsync(FiltersCollection, cancellationToken).ConfigureAwait(false))
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            ids.Add(colon < 0 ? ("", key) : (key[..colon], key[(colon + 1)..]));
        }
        return ids;
    }

    /// <summary>Every filter, by tenant then ID.</summary>
    public IReadOnlyList<FilterDefinition> AllFilters() =>
        [.. _filters.OrderBy(f => f.Key.Tenant, StringComparer.Ordinal).ThenBy(f => f.Key.Id, StringComparer.Ordinal).Select(f => f.Value)];

    /// <summary>APIerSv1.Set*Profile: null or CGRateS's error text.</summary>
    public async ValueTask<string?> SetAsync<TDefinition, TProfile>(ProfileKind<TDefinition, TProfile> kind, TDefinition definition,
        CancellationToken cancellationToken = default)
        where TDefinition : class
        where TProfile : class, Events.IEventProfile
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            (JournalWrite Write, Func<ValueTask> Swap) staged;
            try
            {
                staged = kind.PrepareSet(definition, Filters);
            }
            catch (FilterDefinitionException e)
            {
                return AsApiError(e.Message);
            }
            await WriteAsync([staged.Write], cancellationToken).ConfigureAwait(false);
            await staged.Swap().ConfigureAwait(false);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>APIerSv1.Remove*Profile: NOT_FOUND when absent.</summary>
    public async ValueTask<string?> RemoveAsync<TDefinition, TProfile>(ProfileKind<TDefinition, TProfile> kind, string tenant, string id,
        CancellationToken cancellationToken = default)
        where TDefinition : class
        where TProfile : class, Events.IEventProfile
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (kind.PrepareRemove(tenant, id, Filters) is not { } staged)
            {
                return ErrorCodes.NotFound;
            }
            await WriteAsync([staged.Write], cancellationToken).ConfigureAwait(false);
            await staged.Swap().ConfigureAwait(false);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string AsApiError(string message) =>
        message.StartsWith(ErrorCodes.MandatoryIeMissing, StringComparison.Ordinal) || message.StartsWith(ErrorCodes.ServerError, StringComparison.Ordinal)
            ? message
            : ErrorCodes.ServerErrorWith(message);

    /// <summary>Stores <paramref name="writes"/> and stamps the partitions they change, unless a tariff-plan load, which
    /// stamps every partition it brought with its own load ID, does it (<paramref name="stampLoadIds"/> false).</summary>
    private async ValueTask WriteAsync(List<JournalWrite> writes, CancellationToken cancellationToken, bool stampLoadIds = true)
    {
        if (_store is not null && writes.Count > 0)
        {
            await _store.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
            _hasStoredProfiles = true;
        }
        if (_loadIds is not null && stampLoadIds)
        {
            await _loadIds.StampAsync(writes.Select(w => w.Collection).Distinct().SelectMany(Partitions), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The cache partitions CGRateS stamps when a profile of the collection changes.</summary>
    private static string[] Partitions(string collection) => collection switch
    {
        FiltersCollection => ["*filters"],
        "attribute_profiles" => ["*attribute_profiles"],
        "charger_profiles" => ["*charger_profiles"],
        "dispatcher_profiles" => ["*dispatcher_profiles"],
        "dispatcher_hosts" => ["*dispatcher_hosts"],
        "trend_profiles" => ["*trend_profiles"],
        "ranking_profiles" => ["*ranking_profiles"],
        "route_profiles" => ["*route_profiles"],
        "stat_queue_profiles" => ["*statqueue_profiles", "*statqueues"],
        "threshold_profiles" => ["*threshold_profiles", "*thresholds"],
        "resource_profiles" => ["*resource_profiles", "*resources"],
        "ip_profiles" => ["*ip_profiles", "*ip_allocations"],
        _ => [],
    };
}
