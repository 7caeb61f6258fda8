using Xunit;
using static Obol.Routes.Tests.Synthetic;

namespace Obol.Routes.Tests;

public class StatSortingTests
{
    private readonly FakeStats _stats = new()
    {
        Queues =
        {
            ["S1"] = new() { ["*pdd"] = 3_000_000_000m, ["*acd"] = 10m, ["*sum#1"] = 10m },
            ["S2"] = new() { ["*pdd"] = 1_000_000_000m, ["*acd"] = 20m, ["*sum#1"] = 4m, ["*acc"] = 100m },
            ["S3"] = new() { ["*acd"] = 30m },
        },
    };

    private static RouteProfileDefinition Qos(params string[] parameters) => Profile("P1", "*qos",
        Route("a", 10) with { StatIds = ["S1"] },
        Route("b", 20) with { StatIds = ["S2"] }) with { SortingParameters = parameters };

    [Fact]
    public async Task GetRoutesAsync_QosPdd_LowestPddFirst()
    {
        var result = await Service(stats: _stats, profiles: Qos("*pdd")).GetRoutesAsync(Event(), Now);

        Assert.Equal(["b", "a"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_QosAcd_HighestFirst()
    {
        var profile = Qos("*acd") with { Routes = [Route("a", 10) with { StatIds = ["S2"] }, Route("b", 20) with { StatIds = ["S1"] }] };

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a", "b"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_QosRouteWithoutPdd_SortsLastWithMaxFloat()
    {
        var profile = Qos("*pdd") with { Routes = [Route("none", 50) with { StatIds = ["S3"] }, Route("a", 10) with { StatIds = ["S1"] }] };

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a", "none"], Ids(result));
        Assert.Equal(double.MaxValue, result.Routes[0].Routes[1].SortingData["*pdd"]);
    }

    [Fact]
    public async Task GetRoutesAsync_RouteOnTwoQueues_AveragesTheirMetrics()
    {
        var profile = Qos("*acd") with { Routes = [Route("a", 10) with { StatIds = ["S1", "S3"] }] };

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        var data = result.Routes[0].Routes[0].SortingData;
        Assert.Equal(20m, data["*acd"]);
        Assert.Equal(3_000_000_000m, data["*pdd"]);
    }

    [Fact]
    public async Task GetRoutesAsync_LastQueueUnknown_FailsWithNotFoundUnlessIgnored()
    {
        // CGRateS parity: statMetrics only logs a failed lookup but returns the last lookup's error.
        var profile = Qos("*acd") with
        {
            Routes = [Route("a", 10) with { StatIds = ["S1", "GONE"] }, Route("b", 20) with { StatIds = ["GONE", "S2"] }],
        };
        var service = Service(stats: _stats, profiles: profile);

        var failed = await service.GetRoutesAsync(Event(), Now);
        var ignored = await service.GetRoutesAsync(Event(("*rouIgnoreErrors", "true")), Now);

        Assert.Equal("NOT_FOUND", failed.Error);
        Assert.Equal(["b"], Ids(ignored));
    }

    [Fact]
    public async Task GetRoutesAsync_LoadDistribution_LoadOverRatioAscending()
    {
        var profile = Profile("P1", "*load",
            Route("a", 10) with { StatIds = ["S1:*sum#1"] },
            Route("b", 20) with { StatIds = ["S2:*sum#1"] }) with { SortingParameters = ["a:5", "b:1"] };

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a", "b"], Ids(result));
        Assert.Equal(new Dictionary<string, object?> { ["Load"] = 10m, ["Ratio"] = 5m, ["Weight"] = 10m }, result.Routes[0].Routes[0].SortingData);
    }

    [Fact]
    public async Task GetRoutesAsync_LoadWithoutMetricId_SumsEveryMetric()
    {
        var profile = Profile("P1", "*load", Route("b", 20) with { StatIds = ["S2"] });

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal(1_000_000_000m + 20m + 4m + 100m, result.Routes[0].Routes[0].SortingData["Load"]);
    }

    [Theory]
    [InlineData("*default:3", 0, 3)]
    [InlineData("", 4, 4)]
    [InlineData("other:2", 0, 1)]
    public async Task GetRoutesAsync_LoadRatioNotGiven_DefaultOrConfiguredRatio(string parameter, int configured, int expected)
    {
        string[] parameters = parameter.Length == 0 ? [] : [parameter];
        var options = configured == 0 ? null : new RouteServiceOptions { DefaultRatio = configured };
        var profile = Profile("P1", "*load", Route("a", 10) with { StatIds = ["S1"] }) with { SortingParameters = parameters };

        var result = await Service(stats: _stats, options: options, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal((decimal)expected, result.Routes[0].Routes[0].SortingData["Ratio"]);
    }

    [Fact]
    public async Task GetRoutesAsync_LoadMetricMissingFromQueue_ServerError()
    {
        var profile = Profile("P1", "*load", Route("a", 10) with { StatIds = ["S1:*tcc"] });

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal("SERVER_ERROR: <RouteS> error: NOT_FOUND metric *tcc for statID: S1", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_LoadRouteWithoutStats_MandatoryMissing()
    {
        var profile = Profile("P1", "*load", Route("a", 10));

        var result = await Service(stats: _stats, profiles: profile).GetRoutesAsync(Event(), Now);

        Assert.Equal("SERVER_ERROR: MANDATORY_IE_MISSING: [StatIDs]", result.Error);
    }
}
