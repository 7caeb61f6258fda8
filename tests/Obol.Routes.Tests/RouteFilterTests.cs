using Obol.Primitives;
using Xunit;
using static Obol.Routes.Tests.Synthetic;

namespace Obol.Routes.Tests;

public class RouteFilterTests
{
    [Fact]
    public async Task GetRoutesAsync_RouteFilterFails_RouteLeftOut()
    {
        var profile = Profile("P1", "*weight", Route("a", 10), Route("b", 20) with { FilterIds = ["*prefix:~*req.Destination:49"] });

        var result = await Service(profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_FilterOnSortingData_CheckedAfterCosting()
    {
        var costs = new ScriptedCosts { PlanCosts = { ["RP_A"] = 0.2m, ["RP_B"] = 0.9m } };
        var profile = Profile("P1", "*lc",
            Route("a", 10) with { RatingPlanIds = ["RP_A"], FilterIds = ["*lte:~*vars.Cost:0.5"] },
            Route("b", 20) with { RatingPlanIds = ["RP_B"], FilterIds = ["*lte:~*vars.Cost:0.5"] });

        var result = await Service(costs, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_SameRouteUnderTwoFilters_HeavierPassingOneWins()
    {
        var profile = Profile("P1", "*weight",
            Route("gw", 10),
            Route("gw", 30) with { FilterIds = ["*string:~*req.Destination:1002"] },
            Route("gw", 50) with { FilterIds = ["*string:~*req.Destination:9999"] },
            Route("other", 20));

        var result = await Service(profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["gw", "other"], Ids(result));
        Assert.Equal(30m, result.Routes[0].Routes[0].SortingData["Weight"]);
    }

    [Fact]
    public async Task GetRoutesAsync_UnknownRouteFilter_ServerErrorNamingIt()
    {
        var profile = Profile("P1", "*weight", Route("a", 10) with { FilterIds = ["FLTR_MISSING"] });

        var result = await Service(profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal($"SERVER_ERROR: {ErrorCodes.NotFound}:FLTR_MISSING", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_EqualWeights_TieBrokenAtRandom()
    {
        var orders = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var service = Service(seed: seed, profiles: Profile("P1", "*weight", Route("x", 10), Route("y", 10), Route("top", 30)));
            var ids = Ids(await service.GetRoutesAsync(Event(), Now));
            Assert.Equal("top", ids[0]);
            orders.Add(string.Join(',', ids));
        }

        Assert.Equal(["top,x,y", "top,y,x"], orders.Order());
    }

    [Fact]
    public async Task GetRoutesAsync_ProfileFilterFails_NotFound()
    {
        var ev = Event();
        ev.Event["Account"] = "2002";

        var result = await Service(profiles: Profile("P1", "*weight", Route("a", 10))).GetRoutesAsync(ev, Now);

        Assert.Equal("NOT_FOUND", result.Error);
    }

    [Fact]
    public void SetProfile_ThenRemoveProfile_ReplacesAndRemoves()
    {
        var service = Service(profiles: Profile("P1", "*weight", Route("a", 10)));
        Assert.True(Profile("P1", "*hc", Route("b", 1) with { RatingPlanIds = ["RP"] }).TryToProfile(out var replacement, out _));

        Assert.Null(service.SetProfile(replacement));
        Assert.Equal("*hc", service.GetProfile("cgrates.org", "P1")!.Sorting);
        Assert.Null(service.RemoveProfile("cgrates.org", "P1"));
        Assert.Equal("NOT_FOUND", service.RemoveProfile("cgrates.org", "P1"));
        Assert.Equal(0, service.Profiles.Count);
    }

    [Fact]
    public void SetProfile_BrokenFilterReference_RefusedAndOldSetKept()
    {
        var service = Service(profiles: Profile("P1", "*weight", Route("a", 10)));
        Assert.True((Profile("P2", "*weight") with { FilterIds = ["FLTR_NOPE"] }).TryToProfile(out var broken, out _));

        var error = service.SetProfile(broken);

        Assert.NotNull(error);
        Assert.Contains("FLTR_NOPE", error, StringComparison.Ordinal);
        Assert.Equal(1, service.Profiles.Count);
    }

    [Theory]
    [InlineData("", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("P1", "route profile cgrates.org:P1: inline parse error for string: <*string:~*req.Account>")]
    public void TryToProfile_InvalidDefinition_Refused(string id, string expected)
    {
        var definition = Profile(id, "*weight", Route("a") with { FilterIds = ["*string:~*req.Account"] });

        Assert.False(definition.TryToProfile(out _, out var error));
        Assert.Equal(expected, error);
    }
}
