using NodaTime;
using Obol.Events;
using Obol.Filters;
using Xunit;

namespace Obol.Routes.Tests;

/// <summary>Route profiles written in the test, matched by inline filters on the account.</summary>
internal static class Synthetic
{
    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    public static RouteDefinition Route(string id, decimal weight = 0) => new() { Id = id, Weight = weight };

    public static RouteProfileDefinition Profile(string id, string sorting, params RouteDefinition[] routes) => new()
    {
        Tenant = "cgrates.org",
        Id = id,
        FilterIds = ["*string:~*req.Account:1001"],
        Sorting = sorting,
        Routes = routes,
    };

    public static RouteService Service(IRouteCostSource? costs = null, IRouteStatSource? stats = null, IRouteResourceSource? resources = null,
        RouteServiceOptions? options = null, int seed = 1, params RouteProfileDefinition[] profiles)
    {
        var service = new RouteService(new FilterService(new FilterTable([])), options, costs, stats, resources, new Random(seed));
        var compiled = profiles.Select(p => Assert.IsType<RouteProfile>(p.TryToProfile(out var profile, out var error) ? profile : throw new InvalidOperationException(error)));
        Assert.Null(service.LoadProfiles(compiled));
        return service;
    }

    public static CgrEvent Event(params (string Key, object? Value)[] options)
    {
        var ev = new CgrEvent
        {
            Tenant = "cgrates.org",
            Id = "ev1",
            Event =
            {
                ["Account"] = "1001",
                ["Destination"] = "1002",
                ["SetupTime"] = "2026-01-01T10:00:00Z",
                ["Usage"] = "2m",
            },
        };
        foreach (var (key, value) in options)
        {
            ev.ApiOpts[key] = value;
        }
        return ev;
    }

    public static IReadOnlyList<string> Ids(RouteQueryResult result)
    {
        Assert.Null(result.Error);
        return [.. result.Routes.SelectMany(p => p.Routes.Select(r => r.RouteId))];
    }
}
