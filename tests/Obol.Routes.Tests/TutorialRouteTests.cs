using System.Text.Json;
using NodaTime;
using Obol.GoJson;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Routes.Tests;

public class TutorialRouteTests
{
    [Fact]
    public async Task GetRoutesAsync_Acnt1001Weight_OrdersRoute2BeforeRoute1WithWeightOnly()
    {
        var result = await Tutorial.Service().GetRoutesAsync(Tutorial.Event("1001"), Tutorial.Now);

        Assert.Null(result.Error);
        var profile = Assert.Single(result.Routes);
        Assert.Equal(("ROUTE_ACNT_1001", "*weight"), (profile.ProfileId, profile.Sorting));
        Assert.Equal(["route2", "route1"], profile.Routes.Select(r => r.RouteId));
        Assert.Equal(new Dictionary<string, object?> { ["Weight"] = 20m }, profile.Routes[0].SortingData);
        Assert.Equal(new Dictionary<string, object?> { ["Weight"] = 10m }, profile.Routes[1].SortingData);
    }

    [Fact]
    public async Task GetRoutesAsync_Acnt1001_SerializesAsTheConsoleReply()
    {
        var ev = Tutorial.Event("1001");
        ev.Event.Clear();
        ev.Event["Account"] = "1001";

        var result = await Tutorial.Service().GetRoutesAsync(ev, Tutorial.Now);

        // cgr-console `routes ID="ROUTE_ACNT_1001" Event={"Account":"1001"}` (cgrates-reference §2.8).
        Assert.Equal(
            """[{"ProfileID":"ROUTE_ACNT_1001","Sorting":"*weight","Routes":[{"RouteID":"route2","RouteParameters":"","SortingData":{"Weight":20}},{"RouteID":"route1","RouteParameters":"","SortingData":{"Weight":10}}]}]""",
            JsonSerializer.Serialize(result.Routes, GoJsonOptions.Default));
    }

    [Fact]
    public async Task GetRoutesAsync_Acnt1002LeastCost_PutsCheaperRp1002LowFirstWithCgratesCosts()
    {
        var costs = new RatingPlanCosts(Tutorial.Rating);

        var result = await Tutorial.Service(costs).GetRoutesAsync(Tutorial.Event("1002"), Tutorial.Now);

        Assert.Null(result.Error);
        var profile = Assert.Single(result.Routes);
        Assert.Equal(("ROUTE_ACNT_1002", "*lc"), (profile.ProfileId, profile.Sorting));
        Assert.Equal(["route1", "route2"], profile.Routes.Select(r => r.RouteId));
        // The values CGRateS answers for this event (dispatchers/routes_it_test.go testDspSupGetSupFailover).
        Assert.Equal(new Dictionary<string, object?> { ["Cost"] = 0.3166m, ["RatingPlanID"] = "RP_1002_LOW", ["Weight"] = 10m },
            profile.Routes[0].SortingData);
        Assert.Equal(new Dictionary<string, object?> { ["Cost"] = 0.6334m, ["RatingPlanID"] = "RP_1002", ["Weight"] = 20m },
            profile.Routes[1].SortingData);
    }

    [Fact]
    public async Task GetRoutesAsync_Acnt1002WithoutUsage_PricesOneMinute()
    {
        var costs = new RatingPlanCosts(Tutorial.Rating);
        var ev = Tutorial.Event("1002");
        ev.Event.Remove("Usage");

        var result = await Tutorial.Service(costs).GetRoutesAsync(ev, Tutorial.Now);

        Assert.Null(result.Error);
        Assert.All(costs.Queries, q => Assert.Equal(Primitives.Usage.FromMinutes(1), q.Usage));
        // RT_10CNT: 0.2 connect fee + 0.1 for the first minute; RT_20CNT doubles both.
        Assert.Equal([0.3m, 0.6m], result.Routes[0].Routes.Select(r => (decimal)r.SortingData["Cost"]!));
        Assert.False(ev.Event.ContainsKey("Usage"));
    }

    [Fact]
    public async Task GetRoutesAsync_Acnt1003Qos_SortsByTccThenTcd()
    {
        var stats = new FakeStats();
        stats.Queues["Stats2"] = new() { ["*tcc"] = 0.6m, ["*tcd"] = 35_000_000_000m };
        stats.Queues["Stats2_1"] = new() { ["*tcc"] = 1.35346m, ["*tcd"] = 147_000_000_000m };

        var result = await Tutorial.Service(stats: stats).GetRoutesAsync(Tutorial.Event("1003"), Tutorial.Now);

        Assert.Null(result.Error);
        var profile = Assert.Single(result.Routes);
        Assert.Equal(("ROUTE_ACNT_1003", "*qos"), (profile.ProfileId, profile.Sorting));
        Assert.Equal(["route2", "route1"], profile.Routes.Select(r => r.RouteId));
        Assert.Equal(new Dictionary<string, object?> { ["*tcc"] = 1.35346m, ["*tcd"] = 147_000_000_000m, ["Weight"] = 20m },
            profile.Routes[0].SortingData);
    }

    [Fact]
    public async Task GetRoutesAsync_Acnt1003QosEqualTcc_TcdDecides()
    {
        var stats = new FakeStats();
        stats.Queues["Stats2"] = new() { ["*tcc"] = 2m, ["*tcd"] = 90_000_000_000m };
        stats.Queues["Stats2_1"] = new() { ["*tcc"] = 2m, ["*tcd"] = 60_000_000_000m };

        var result = await Tutorial.Service(stats: stats).GetRoutesAsync(Tutorial.Event("1003"), Tutorial.Now);

        Assert.Equal(["route1", "route2"], result.Routes[0].Routes.Select(r => r.RouteId));
    }

    [Fact]
    public async Task GetRoutesAsync_Acnt1003WithoutStatS_MissingMetricsSortAsMinusOneThenWeight()
    {
        var result = await Tutorial.Service().GetRoutesAsync(Tutorial.Event("1003"), Tutorial.Now);

        var routes = result.Routes[0].Routes;
        Assert.Equal(["route2", "route1"], routes.Select(r => r.RouteId));
        Assert.Equal(new Dictionary<string, object?> { ["*tcc"] = -1m, ["*tcd"] = -1m, ["Weight"] = 20m }, routes[0].SortingData);
    }

    [Fact]
    public async Task GetRoutesAsync_UnknownAccount_NotFound()
    {
        var result = await Tutorial.Service().GetRoutesAsync(Tutorial.Event("1005"), Tutorial.Now);

        Assert.Equal("NOT_FOUND", result.Error);
        Assert.Empty(result.Routes);
    }

    [Fact]
    public async Task GetRoutesAsync_EventBeforeProfileActivation_NotFound()
    {
        var ev = Tutorial.Event("1001");
        ev.Time = Instant.FromUtc(2017, 11, 26, 0, 0);

        var result = await Tutorial.Service().GetRoutesAsync(ev, Tutorial.Now);

        Assert.Equal("NOT_FOUND", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_NoEventId_MandatoryIdMissing()
    {
        var ev = Tutorial.Event("1001");
        ev.Id = "";

        var result = await Tutorial.Service().GetRoutesAsync(ev, Tutorial.Now);

        Assert.Equal("MANDATORY_IE_MISSING: [ID]", result.Error);
    }

    [Fact]
    public async Task GetRoutesListAsync_Acnt1001_RouteIdsInOrder()
    {
        var (routes, error, _) = await Tutorial.Service().GetRoutesListAsync(Tutorial.Event("1001"), Tutorial.Now);

        Assert.Null(error);
        Assert.Equal(["route2", "route1"], routes);
    }

    [Fact]
    public void GetRouteProfilesForEvent_Acnt1002_ReturnsItsProfileAsOnTheWire()
    {
        var (profiles, error) = Tutorial.Service().GetRouteProfilesForEvent(Tutorial.Event("1002"), Tutorial.Now);

        Assert.Null(error);
        var definition = RouteProfileDefinition.From(Assert.Single(profiles));
        var json = JsonSerializer.Serialize(definition, GoJsonOptions.Default);
        Assert.Equal(
            """{"Tenant":"cgrates.org","ID":"ROUTE_ACNT_1002","FilterIDs":["FLTR_ACNT_1002"],"ActivationInterval":{"ActivationTime":"2017-11-27T00:00:00Z","ExpiryTime":"0001-01-01T00:00:00Z"},"Sorting":"*lc","SortingParameters":[],"Routes":[{"ID":"route1","FilterIDs":[],"AccountIDs":[],"RatingPlanIDs":["RP_1002_LOW"],"ResourceIDs":[],"StatIDs":[],"Weight":10,"Blocker":false,"RouteParameters":""},{"ID":"route2","FilterIDs":[],"AccountIDs":[],"RatingPlanIDs":["RP_1002"],"ResourceIDs":[],"StatIDs":[],"Weight":20,"Blocker":false,"RouteParameters":""}],"Weight":10}""",
            json);
        var back = JsonSerializer.Deserialize<RouteProfileDefinition>(json, GoJsonOptions.Default)!;
        Assert.True(back.TryToProfile(out var reloaded, out var problem), problem);
        Assert.Equal(RouteProfileDefinition.From(reloaded).Routes!.Select(r => r.Id), definition.Routes!.Select(r => r.Id));
        Assert.Equal(profiles[0].Activation, reloaded.Activation);
    }

    [Fact]
    public void FromTp_BadRouteFilter_RejectedAtTheRoutesOwnRow()
    {
        const string csv = "#Tenant,ID,FilterIDs,ActivationInterval,Sorting,SortingParameters,RouteID,RouteFilterIDs,RouteAccountIDs,"
            + "RouteRatingPlanIDs,RouteResourceIDs,RouteStatIDs,RouteWeight,RouteBlocker,RouteParameters,Weight\n"
            + "cgrates.org,BAD,,,*weight,,r1,,,,,,10,,,10\n"
            + "cgrates.org,BAD,,,,,r2,*regex:~*req.Destination:(,,,,,20,,,\n";
        var read = TariffPlanReader.ReadFiles([("Routes.csv", (TextReader)new StringReader(csv))],
            new TariffPlanReadOptions(DateTimeZone.Utc, Tutorial.Now));
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));

        var (_, errors) = RouteProfileLoader.FromTp(read.Plan.Routes, DateTimeZone.Utc, Tutorial.Now);

        Assert.StartsWith("Routes.csv:3: route profile cgrates.org:BAD: route r2: inline filter <*regex:~*req.Destination:(>",
            Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cgrates.org,BAD,,,*fastest,,r1,,,,,,10,,,10", "Routes.csv:2: route profile cgrates.org:BAD: unsupported sorting strategy: *fastest")]
    [InlineData("cgrates.org,BAD,,,*load,r1:x,r1,,,,,S1,10,,,10", "Routes.csv:2: route profile cgrates.org:BAD: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("cgrates.org,BAD,,,*load,r1,r1,,,,,S1,10,,,10", "Routes.csv:2: route profile cgrates.org:BAD: invalid *load sorting parameter <r1>: want routeID:ratio")]
    [InlineData("cgrates.org,BAD,,,,,r1,,,,,,10,,,10", "Routes.csv:2: route profile cgrates.org:BAD: unsupported sorting strategy: ")]
    public void FromTp_BadProfile_RejectedWithFileAndLine(string row, string expected)
    {
        var csv = "#Tenant,ID,FilterIDs,ActivationInterval,Sorting,SortingParameters,RouteID,RouteFilterIDs,RouteAccountIDs,"
            + "RouteRatingPlanIDs,RouteResourceIDs,RouteStatIDs,RouteWeight,RouteBlocker,RouteParameters,Weight\n" + row + "\n";
        var read = TariffPlanReader.ReadFiles([("Routes.csv", (TextReader)new StringReader(csv))],
            new TariffPlanReadOptions(DateTimeZone.Utc, Tutorial.Now));
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));

        var (profiles, errors) = RouteProfileLoader.FromTp(read.Plan.Routes, DateTimeZone.Utc, Tutorial.Now);

        Assert.Empty(profiles);
        Assert.Equal([expected], errors);
    }
}
