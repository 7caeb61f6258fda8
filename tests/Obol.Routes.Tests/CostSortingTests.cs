using Obol.Primitives;
using Xunit;
using static Obol.Routes.Tests.Synthetic;

namespace Obol.Routes.Tests;

public class CostSortingTests
{
    private readonly ScriptedCosts _costs = new()
    {
        PlanCosts = { ["RP_A"] = 0.5m, ["RP_B"] = 0.5m, ["RP_C"] = 0.1m },
    };

    private static RouteProfileDefinition Priced(string sorting) => Profile("P1", sorting,
        Route("a", 10) with { RatingPlanIds = ["RP_A"] },
        Route("b", 20) with { RatingPlanIds = ["RP_B"] },
        Route("c", 5) with { RatingPlanIds = ["RP_C"] });

    [Fact]
    public async Task GetRoutesAsync_LeastCost_CheapestFirstThenHeavierOnEqualCost()
    {
        var result = await Service(_costs, profiles: Priced("*lc")).GetRoutesAsync(Event(), Now);

        Assert.Equal(["c", "b", "a"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_HighestCost_DearestFirstThenHeavierOnEqualCost()
    {
        var result = await Service(_costs, profiles: Priced("*hc")).GetRoutesAsync(Event(), Now);

        Assert.Equal(["b", "a", "c"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_LeastCostRouteWithoutPlansOrAccounts_MandatoryMissingServerError()
    {
        var profile = Profile("P1", "*lc", Route("a", 10) with { RatingPlanIds = ["RP_A"] }, Route("bare", 20));

        var result = await Service(_costs, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal("SERVER_ERROR: MANDATORY_IE_MISSING: [RatingPlanIDs or AccountIDs]", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_NoPlanRatesTheRoute_RouteLeftOutWithWarning()
    {
        var profile = Profile("P1", "*lc", Route("a", 10) with { RatingPlanIds = ["RP_A"] }, Route("b", 20) with { RatingPlanIds = ["RP_NONE"] });

        var result = await Service(_costs, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a"], Ids(result));
        Assert.Contains("ignoring route with ID: b, missing cost information", result.Warnings);
    }

    [Theory]
    [InlineData("0.3")]
    [InlineData(0.3)]
    public async Task GetRoutesAsync_MaxCostOption_DropsRoutesCostingMore(object maxCost)
    {
        var option = maxCost is double d ? (object)(decimal)d : maxCost;

        var result = await Service(_costs, profiles: Priced("*lc")).GetRoutesAsync(Event(("*rouMaxCost", option)), Now);

        Assert.Equal(["c"], Ids(result));
        Assert.Contains("ignoring route with ID: a, err: MAX_COST_EXCEEDED", result.Warnings);
    }

    [Fact]
    public async Task GetRoutesAsync_MaxCostFromConfig_AppliesWithoutOption()
    {
        var service = Service(_costs, options: new RouteServiceOptions { MaxCost = "0.5" }, profiles: Priced("*lc"));

        var result = await service.GetRoutesAsync(Event(), Now);

        Assert.Equal(["c", "b", "a"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_MaxCostEventCost_UsesTheEventsOwnCost()
    {
        _costs.EventCost = 0.2m;

        var result = await Service(_costs, profiles: Priced("*lc")).GetRoutesAsync(Event(("*rouMaxCost", "*event_cost")), Now);

        Assert.Equal(["c"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_RatingError_ServerErrorUnlessIgnored()
    {
        _costs.PlanErrors["RP_B"] = "UNAUTHORIZED_DESTINATION";
        var service = Service(_costs, profiles: Priced("*lc"));

        var failed = await service.GetRoutesAsync(Event(), Now);
        var ignored = await service.GetRoutesAsync(Event(("*rouIgnoreErrors", true)), Now);

        Assert.Equal("SERVER_ERROR: UNAUTHORIZED_DESTINATION", failed.Error);
        Assert.Equal(["c", "a"], Ids(ignored));
        Assert.Contains("ignoring route with ID: b, err: UNAUTHORIZED_DESTINATION", ignored.Warnings);
    }

    [Fact]
    public async Task GetRoutesAsync_AccountCoversTheUsage_CostZeroWithAccountAndMaxUsage()
    {
        _costs.AccountUsage["ACC1"] = Usage.FromMinutes(5);
        var profile = Profile("P1", "*lc", Route("a", 10) with { RatingPlanIds = ["RP_C"] }, Route("acc", 1) with { AccountIds = ["ACC1"] });

        var result = await Service(_costs, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["acc", "a"], Ids(result));
        Assert.Equal(new Dictionary<string, object?>
        {
            ["Account"] = "ACC1",
            ["Cost"] = 0m,
            ["MaxUsage"] = Usage.FromMinutes(5),
            ["Weight"] = 1m,
        }, result.Routes[0].Routes[0].SortingData);
        Assert.Single(_costs.RatingQueries);
    }

    [Fact]
    public async Task GetRoutesAsync_AccountCoversPart_RatesTheRestFromWhereTheAccountStops()
    {
        _costs.AccountUsage["ACC1"] = Usage.FromSeconds(30);
        var profile = Profile("P1", "*lc", Route("acc", 1) with { AccountIds = ["ACC1"], RatingPlanIds = ["RP_A"] });

        var result = await Service(_costs, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(new Dictionary<string, object?>
        {
            ["Account"] = "ACC1",
            ["Cost"] = 0.5m,
            ["MaxUsage"] = Usage.FromSeconds(30),
            ["RatingPlanID"] = "RP_A",
            ["Weight"] = 1m,
        }, result.Routes[0].Routes[0].SortingData);
        var query = Assert.Single(_costs.RatingQueries);
        Assert.Equal(Usage.FromSeconds(90), query.Usage);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 1, 1, 10, 0, 30), query.SetupTime);
        Assert.Equal(("1001", "1001", "1002"), (query.Account, query.Subject, query.Destination));
    }

    [Fact]
    public async Task GetRoutesAsync_AccountCoversPartWithoutPlans_ServerError()
    {
        _costs.AccountUsage["ACC1"] = Usage.FromSeconds(30);
        var profile = Profile("P1", "*lc", Route("acc", 1) with { AccountIds = ["ACC1"] });

        var result = await Service(_costs, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal("SERVER_ERROR: no rating plans defined for remaining usage", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_EventWithoutSetupTime_MandatoryMissingServerError()
    {
        var ev = Event();
        ev.Event.Remove("SetupTime");

        var result = await Service(_costs, profiles: Priced("*lc")).GetRoutesAsync(ev, Now);

        Assert.Equal("SERVER_ERROR: MANDATORY_IE_MISSING: [SetupTime]", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_NoCostSource_ConnIdsMissingServerError()
    {
        var result = await Service(profiles: Priced("*lc")).GetRoutesAsync(Event(), Now);

        Assert.Equal("SERVER_ERROR: MANDATORY_IE_MISSING: [connIDs]", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_EventWithSubject_PricesTheSubject()
    {
        var ev = Event();
        ev.Event["Subject"] = "premium";

        await Service(_costs, profiles: Priced("*lc")).GetRoutesAsync(ev, Now);

        Assert.All(_costs.RatingQueries, q => Assert.Equal(("1001", "premium"), (q.Account, q.Subject)));
    }
}
