using Obol.Attributes;
using Obol.Chargers;
using Obol.Dispatchers;
using Obol.Rankings;
using Obol.Trends;
using Obol.Filters;
using Obol.Ips;
using Obol.Resources;
using Obol.Routes;
using Obol.Stats;
using Obol.Thresholds;

namespace Obol.Profiles;

/// <summary>Registers each subsystem's profile kind with the catalog, under the collection names the store uses.</summary>
public static class SubsystemKinds
{
    public static ProfileKind<StatQueueProfileDefinition, StatQueueProfile> AddStats(this ProfileCatalog catalog, StatService stats) =>
        catalog.AddKind<StatQueueProfileDefinition, StatQueueProfile>("stat_queue_profiles", d => d.ToProfile(),
            (plan, options) => plan.Stats.Select(tp => (tp.Location,
                (Func<StatQueueProfileDefinition>)(() => StatQueueProfileDefinition.From(StatQueueProfileDefinition.FromTp(tp, options.TimeZone, options.Now))))),
            stats.IndexOptions, profiles =>
            {
                stats.SetProfiles(profiles);
                return ValueTask.CompletedTask;
            });

    public static ProfileKind<ThresholdProfileDefinition, ThresholdProfile> AddThresholds(this ProfileCatalog catalog, ThresholdService thresholds) =>
        catalog.AddKind<ThresholdProfileDefinition, ThresholdProfile>("threshold_profiles", d => d.ToProfile(),
            (plan, options) => plan.Thresholds.Select(tp => (tp.Location,
                (Func<ThresholdProfileDefinition>)(() => ThresholdProfileDefinition.From(ThresholdProfileDefinition.FromTp(tp, options.TimeZone, options.Now))))),
            thresholds.IndexOptions, profiles =>
            {
                thresholds.SetProfiles(profiles);
                return ValueTask.CompletedTask;
            });

    public static ProfileKind<RouteProfileDefinition, RouteProfile> AddRoutes(this ProfileCatalog catalog, RouteService routes, FilterIndexOptions index) =>
        catalog.AddKind<RouteProfileDefinition, RouteProfile>("route_profiles",
            d => d.TryToProfile(out var profile, out var error) ? profile : throw new FilterDefinitionException(error),
            (plan, options) => plan.Routes.Select(tp => (tp.Location, (Func<RouteProfileDefinition>)(() =>
                RouteProfileLoader.TryFromTp(tp, options.TimeZone, options.Now, out var profile, out var error)
                    ? RouteProfileDefinition.From(profile)
                    : throw new FilterDefinitionException(error)))),
            index, profiles =>
            {
                Check(routes.LoadProfiles(profiles.All));
                return ValueTask.CompletedTask;
            });

    public static ProfileKind<ResourceProfileDefinition, ResourceProfile> AddResources(this ProfileCatalog catalog, ResourceService resources) =>
        catalog.AddKind<ResourceProfileDefinition, ResourceProfile>("resource_profiles",
            d => d.TryToProfile(out var profile, out var error) ? profile : throw new FilterDefinitionException(error),
            (plan, options) => plan.Resources.Select(tp => (tp.Location, (Func<ResourceProfileDefinition>)(() =>
                ResourceProfileDefinition.TryFromTp(tp, options.TimeZone, options.Now, out var profile, out var error)
                    ? ResourceProfileDefinition.From(profile)
                    : throw new FilterDefinitionException(error)))),
            resources.IndexOptions, async profiles => Check(await resources.LoadProfilesAsync(profiles.All).ConfigureAwait(false)));

    public static ProfileKind<IpProfileDefinition, IpProfile> AddIps(this ProfileCatalog catalog, IpService ips) =>
        catalog.AddKind<IpProfileDefinition, IpProfile>("ip_profiles",
            d => Compiled(() => IpProfileDefinition.Compile(d), api: true),
            (plan, options) => plan.Ips.Select(tp => (tp.Location,
                (Func<IpProfileDefinition>)(() => Compiled(() => IpProfileDefinition.From(IpProfileDefinition.FromTp(tp, options.TimeZone, options.Now)),
                    api: false)))),
            ips.IndexOptions, async profiles => Check(await ips.LoadProfilesAsync(profiles.All).ConfigureAwait(false)));

    public static ProfileKind<AttributeProfileDefinition, AttributeProfile> AddAttributes(this ProfileCatalog catalog, AttributeService attributes,
        AttributeOptions options) =>
        catalog.AddKind<AttributeProfileDefinition, AttributeProfile>("attribute_profiles",
            d => Compiled(() => AttributeProfile.Compile(d), api: true),
            (plan, options) => plan.Attributes.Select(tp => (tp.Location,
                (Func<AttributeProfileDefinition>)(() => Compiled(() => AttributeProfile.FromTp(tp, options.TimeZone, options.Now), api: false).Definition))),
            options.ToIndexOptions(), profiles =>
            {
                attributes.Load(AttributeTable.Create(profiles.All, catalog.Filters, options));
                return ValueTask.CompletedTask;
            });

    public static ProfileKind<ChargerProfileDefinition, ChargerProfile> AddChargers(this ProfileCatalog catalog, ChargerService chargers,
        ChargerOptions options) =>
        catalog.AddKind<ChargerProfileDefinition, ChargerProfile>("charger_profiles",
            d => Compiled(() => ChargerProfile.Compile(d), api: true),
            (plan, options) => plan.Chargers.Select(tp => (tp.Location,
                (Func<ChargerProfileDefinition>)(() => Compiled(() => ChargerProfile.FromTp(tp, options.TimeZone, options.Now), api: false).Definition))),
            options.ToIndexOptions(), profiles =>
            {
                chargers.Load(ChargerTable.Create(profiles.All, catalog.Filters, options));
                return ValueTask.CompletedTask;
            });

    public static ProfileKind<DispatcherProfileDefinition, DispatcherProfile> AddDispatchers(this ProfileCatalog catalog,
        DispatcherService dispatchers, FilterIndexOptions index) =>
        catalog.AddKind<DispatcherProfileDefinition, DispatcherProfile>("dispatcher_profiles",
            d => Compiled(() => DispatcherProfile.Compile(d), api: true),
            (plan, options) => plan.DispatcherProfiles.Select(tp => (tp.Location,
                (Func<DispatcherProfileDefinition>)(() => Compiled(() => DispatcherProfile.FromTp(tp, options.TimeZone, options.Now), api: false).Definition))),
            index, profiles =>
            {
                dispatchers.Update(table => table.WithProfiles(profiles, catalog.Filters));
                return ValueTask.CompletedTask;
            });

    /// <summary>Hosts have no filters: their index is never read.</summary>
    public static ProfileKind<DispatcherHostDefinition, DispatcherHost> AddDispatcherHosts(this ProfileCatalog catalog,
        DispatcherService dispatchers) =>
        catalog.AddKind<DispatcherHostDefinition, DispatcherHost>("dispatcher_hosts",
            d => Compiled(() => DispatcherHost.Compile(d), api: true),
            (plan, _) => plan.DispatcherHosts.Select(tp => (tp.Location,
                (Func<DispatcherHostDefinition>)(() => Compiled(() => DispatcherHost.FromTp(tp), api: false).Definition))),
            new FilterIndexOptions(), hosts =>
            {
                dispatchers.Update(table => table.WithHosts(hosts.All));
                return ValueTask.CompletedTask;
            });

    /// <summary>Trend profiles have no filters: their index is never read.</summary>
    public static ProfileKind<TrendProfileDefinition, TrendProfile> AddTrends(this ProfileCatalog catalog, TrendService trends) =>
        catalog.AddKind<TrendProfileDefinition, TrendProfile>("trend_profiles",
            d => Compiled(() => TrendProfile.Compile(d), api: true),
            (plan, _) => plan.Trends.Select(tp => (tp.Location,
                (Func<TrendProfileDefinition>)(() => Compiled(() => TrendProfile.FromTp(tp), api: false).Definition))),
            new FilterIndexOptions(), profiles =>
            {
                trends.Load(profiles.All);
                return ValueTask.CompletedTask;
            });

    /// <summary>Ranking profiles have no filters: their index is never read.</summary>
    public static ProfileKind<RankingProfileDefinition, RankingProfile> AddRankings(this ProfileCatalog catalog, RankingService rankings) =>
        catalog.AddKind<RankingProfileDefinition, RankingProfile>("ranking_profiles",
            d => Compiled(() => RankingProfile.Compile(d), api: true),
            (plan, _) => plan.Rankings.Select(tp => (tp.Location,
                (Func<RankingProfileDefinition>)(() => Compiled(() => RankingProfile.FromTp(tp), api: false).Definition))),
            new FilterIndexOptions(), profiles =>
            {
                rankings.Load(profiles.All);
                return ValueTask.CompletedTask;
            });

    /// <summary>AttributeS, ChargerS, DispatcherS, TrendS, RankingS and IPs say what is wrong with their own exceptions; the catalog takes one kind: the
    /// API's error string for a definition, the file:line message for a plan row.</summary>
    private static T Compiled<T>(Func<T> compile, bool api)
    {
        try
        {
            return compile();
        }
        catch (AttributeDefinitionException e)
        {
            throw new FilterDefinitionException(api ? e.WireError : e.Message);
        }
        catch (ChargerDefinitionException e)
        {
            throw new FilterDefinitionException(api ? e.WireError : e.Message);
        }
        catch (DispatcherDefinitionException e)
        {
            throw new FilterDefinitionException(api ? e.WireError : e.Message);
        }
        catch (TrendDefinitionException e)
        {
            throw new FilterDefinitionException(api ? e.WireError : e.Message);
        }
        catch (RankingDefinitionException e)
        {
            throw new FilterDefinitionException(api ? e.WireError : e.Message);
        }
        catch (IpDefinitionException e)
        {
            throw new FilterDefinitionException(api ? e.WireError : e.Message);
        }
    }

    /// <summary>The catalog indexed the profiles against the same filters already, so a service refusing them is a bug.</summary>
    private static void Check(string? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"profiles accepted by the catalog were refused: {error}");
        }
    }
}
