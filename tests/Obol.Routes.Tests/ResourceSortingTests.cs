using Xunit;
using static Obol.Routes.Tests.Synthetic;

namespace Obol.Routes.Tests;

public class ResourceSortingTests
{
    private readonly FakeResources _resources = new() { Usages = { ["R1"] = 1m, ["R2"] = 2m, ["R3"] = 5m } };

    private static RouteProfileDefinition ByUsage(string sorting) => Profile("P1", sorting,
        Route("a", 10) with { ResourceIds = ["R1", "R2"] },
        Route("b", 20) with { ResourceIds = ["R3"] });

    [Fact]
    public async Task GetRoutesAsync_ResourceAscending_LeastUsedFirstWithSummedUsage()
    {
        var result = await Service(resources: _resources, profiles: ByUsage("*reas")).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a", "b"], Ids(result));
        Assert.Equal(new Dictionary<string, object?> { ["ResourceUsage"] = 3m, ["Weight"] = 10m }, result.Routes[0].Routes[0].SortingData);
    }

    [Fact]
    public async Task GetRoutesAsync_ResourceDescending_MostUsedFirst()
    {
        var result = await Service(resources: _resources, profiles: ByUsage("*reds")).GetRoutesAsync(Event(), Now);

        Assert.Equal(["b", "a"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_NoResourceSource_ZeroUsageSoWeightDecides()
    {
        var result = await Service(profiles: ByUsage("*reas")).GetRoutesAsync(Event(), Now);

        Assert.Equal(["b", "a"], Ids(result));
        Assert.All(result.Routes[0].Routes, r => Assert.Equal(0m, r.SortingData["ResourceUsage"]));
    }

    [Fact]
    public async Task GetRoutesAsync_ResourceSortingRouteWithoutResources_MandatoryMissing()
    {
        var profile = Profile("P1", "*reds", Route("a", 10));

        var result = await Service(resources: _resources, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal("SERVER_ERROR: MANDATORY_IE_MISSING: [ResourceIDs]", result.Error);
    }
}
