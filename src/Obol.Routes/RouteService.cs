using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Routes;

/// <summary>
/// RouteS (engine/routes.go): picks the route profiles an event matches (filter index, activation at the event's
/// Time, filters), sorts each profile's routes with its strategy and pages the result. Costs, stat metrics and
/// resource usage come through the ports; a null port is an empty <c>*_conns</c> list, with CGRateS's consequences
/// (costs fail with <c>MANDATORY_IE_MISSING: [connIDs]</c>, metrics and usage are simply absent).
/// Profiles are an immutable <see cref="IndexedProfiles{TProfile}"/> swapped whole, so queries never lock.
/// </summary>
public sealed partial class RouteService
{
    private readonly FilterService _filters;
    // Swapped whole by a configuration change (its opts); the indexing it was built with stays.
    private volatile RouteServiceOptions _options;
    private readonly IRouteCostSource? _costs;
    private readonly IRouteStatSource? _stats;
    private readonly IRouteResourceSource? _resources;
    private readonly Random _random;
    private readonly Lock _writeLock = new();
    private readonly Lock _randomLock = new();
    private volatile IndexedProfiles<RouteProfile> _profiles = IndexedProfiles.Empty<RouteProfile>();

    /// <param name="filters">FilterS, with the default timezone event times are read in.</param>
    /// <param name="options">The "routes" section; defaults when null.</param>
    /// <param name="costs">routes.rals_conns; null when empty.</param>
    /// <param name="stats">routes.stats_conns; null when empty.</param>
    /// <param name="resources">routes.resources_conns; null when empty.</param>
    /// <param name="random">Breaks ties: CGRateS orders routes that sort equal at random
    /// (utils.BoolGenerator); pass a seeded one for repeatable answers.</param>
    public RouteService(FilterService filters, RouteServiceOptions? options = null, IRouteCostSource? costs = null,
        IRouteStatSource? stats = null, IRouteResourceSource? resources = null, Random? random = null)
    {
        _filters = filters ?? throw new ArgumentNullException(nameof(filters));
        _options = options ?? RouteServiceOptions.Default;
        _costs = costs;
        _stats = stats;
        _resources = resources;
        _random = random ?? Random.Shared;
    }

    /// <summary>A configuration change of the section's opts: used from the next request on. The indexing stays as the
    /// service was built with, since changing it is refused while the engine runs.</summary>
    public void Reconfigure(RouteServiceOptions options) => _options = options with { Index = _options.Index };

    public IndexedProfiles<RouteProfile> Profiles => _profiles;

    internal RouteServiceOptions Options => _options;

    internal FilterService Filters => _filters;

    internal IRouteCostSource? Costs => _costs;

    internal IRouteStatSource? Stats => _stats;

    internal IRouteResourceSource? Resources => _resources;

    /// <summary>A seeded Random is not thread-safe, and queries run concurrently.</summary>
    internal void Shuffle<T>(T[] items)
    {
        lock (_randomLock)
        {
            _random.Shuffle(items);
        }
    }

    /// <summary>Replaces every profile. A broken filter reference is refused (the error text), leaving the old set.</summary>
    public string? LoadProfiles(IEnumerable<RouteProfile> profiles) => Swap(_ => IndexedProfiles.Build(profiles, _filters, _options.Index));

    /// <summary>APIerSv1.SetRouteProfile: adds or replaces one profile.</summary>
    public string? SetProfile(RouteProfile profile) => Swap(current => current.With(profile, _filters, _options.Index));

    /// <summary>APIerSv1.RemoveRouteProfile: NOT_FOUND when there was no such profile.</summary>
    public string? RemoveProfile(string tenant, string id)
    {
        lock (_writeLock)
        {
            if (_profiles.Find(tenant, id) is null)
            {
                return ErrorCodes.NotFound;
            }
            _profiles = _profiles.Without(tenant, id, _filters, _options.Index);
            return null;
        }
    }

    public RouteProfile? GetProfile(string tenant, string id) => _profiles.Find(tenant, id);

    /// <summary>RouteSv1.GetRouteProfilesForEvent: the matching profiles by weight, NOT_FOUND when none.</summary>
    public (IReadOnlyList<RouteProfile> Profiles, string? Error) GetRouteProfilesForEvent(CgrEvent ev, Instant now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (ev.Id.Length == 0)
        {
            return ([], ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        var (matched, error) = Match(TenantOf(ev), ev, now);
        return error is null ? (matched, null) : ([], Wrap(error));
    }

    /// <summary>RouteSv1.GetRoutes. Attribute processing (routes.attributes_conns) is the caller's, before this.</summary>
    public async ValueTask<RouteQueryResult> GetRoutesAsync(CgrEvent ev, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (ev.Id.Length == 0)
        {
            return RouteQueryResult.Failed(ErrorCodes.MandatoryIeMissingFields("ID"), []);
        }
        var query = new RouteQuery(this, Prepare(ev), now, cancellationToken);
        var routes = await query.RunAsync().ConfigureAwait(false);
        return query.Error is { } error ? RouteQueryResult.Failed(Wrap(error), query.Warnings) : new RouteQueryResult(routes, null, query.Warnings);
    }

    /// <summary>RouteSv1.GetRoutesList: the routes as <c>routeID[:parameters]</c>.</summary>
    public async ValueTask<(IReadOnlyList<string> Routes, string? Error, IReadOnlyList<string> Warnings)> GetRoutesListAsync(CgrEvent ev,
        Instant now, CancellationToken cancellationToken = default)
    {
        var result = await GetRoutesAsync(ev, now, cancellationToken).ConfigureAwait(false);
        return (result.RoutesWithParameters(), result.Error, result.Warnings);
    }

    /// <summary>A copy with the default tenant and Usage filled in: sortedRoutesForEvent sets a one-minute Usage
    /// when the event has none, and the filters and costs then see it.</summary>
    private CgrEvent Prepare(CgrEvent ev)
    {
        var copy = ev.Clone();
        copy.Tenant = TenantOf(ev);
        copy.Event.TryAdd("Usage", RouteServiceOptions.DefaultUsage);
        return copy;
    }

    private string TenantOf(CgrEvent ev) => ev.Tenant.Length == 0 ? _options.DefaultTenant : ev.Tenant;

    /// <summary>V1GetRoutes and V1GetRouteProfilesForEvent pass NOT_FOUND through and wrap everything else.</summary>
    private static string Wrap(string error) => error == ErrorCodes.NotFound ? error : ErrorCodes.ServerErrorWith(error);

    private string? Swap(Func<IndexedProfiles<RouteProfile>, IndexedProfiles<RouteProfile>> change)
    {
        lock (_writeLock)
        {
            try
            {
                _profiles = change(_profiles);
                return null;
            }
            catch (FilterDefinitionException e)
            {
                return e.Message;
            }
        }
    }
}
