using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Rating;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Routes.Tests;

/// <summary>The tutorial tariff plan (samples/tariffplans/tutorial): its filters, route profiles and rating data.</summary>
internal static class Tutorial
{
    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    private static readonly Lazy<(TariffPlan Plan, RatingDataSet Rating)> s_plan = new(Read);

    public static TariffPlan Plan => s_plan.Value.Plan;

    public static RatingDataSet Rating => s_plan.Value.Rating;

    public static FilterService Filters() => new(FilterTable.FromTp(Plan.Filters, DateTimeZone.Utc, Now));

    public static IReadOnlyList<RouteProfile> RouteProfiles()
    {
        var (profiles, errors) = RouteProfileLoader.FromTp(Plan.Routes, DateTimeZone.Utc, Now);
        Assert.Empty(errors);
        return profiles;
    }

    public static RouteService Service(IRouteCostSource? costs = null, IRouteStatSource? stats = null, IRouteResourceSource? resources = null)
    {
        var service = new RouteService(Filters(), costs: costs, stats: stats, resources: resources, random: new Random(7));
        Assert.Null(service.LoadProfiles(RouteProfiles()));
        return service;
    }

    /// <summary>The event CGRateS's dispatchers/routes_it_test.go sends for ROUTE_ACNT_1002.</summary>
    public static CgrEvent Event(string account, string destination = "1001") => new()
    {
        Tenant = "cgrates.org",
        Id = "ev1",
        Time = Now,
        Event =
        {
            ["Account"] = account,
            ["Subject"] = account,
            ["Destination"] = destination,
            ["SetupTime"] = "2017-12-01T14:25:00Z",
            ["Usage"] = "1m20s",
        },
    };

    private static (TariffPlan, RatingDataSet) Read()
    {
        var options = new TariffPlanReadOptions(DateTimeZone.Utc, Now);
        var read = TariffPlanReader.ReadFolder(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"), options);
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));
        var (rating, errors) = RatingDataBuilder.Build(read.Plan, options);
        Assert.Empty(errors);
        return (read.Plan, rating);
    }
}
