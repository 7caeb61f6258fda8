using Xunit;
using static Obol.Routes.Tests.Synthetic;

namespace Obol.Routes.Tests;

public class PagingTests
{
    private static RouteService TwoProfiles(RouteServiceOptions? options = null) => Service(options: options, profiles:
    [
        Profile("P1", "*weight", Route("a1", 20), Route("a2", 10)) with { Weight = 20 },
        Profile("P2", "*weight", Route("b1", 20), Route("b2", 10)) with { Weight = 10 },
    ]);

    [Fact]
    public async Task GetRoutesAsync_TwoProfiles_HeavierProfileFirst()
    {
        var result = await TwoProfiles().GetRoutesAsync(Event(), Now);

        Assert.Equal(["P1", "P2"], result.Routes.Select(p => p.ProfileId));
        Assert.Equal(["a1", "a2", "b1", "b2"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_OffsetAndLimit_PageAcrossProfiles()
    {
        var result = await TwoProfiles().GetRoutesAsync(Event(("*rouOffset", 1m), ("*rouLimit", 2m)), Now);

        Assert.Equal(["P1", "P2"], result.Routes.Select(p => p.ProfileId));
        Assert.Equal(["a2", "b1"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_OffsetCoveringFirstProfile_SkipsItWhole()
    {
        var result = await TwoProfiles().GetRoutesAsync(Event(("*rouOffset", "2")), Now);

        Assert.Equal(["P2"], result.Routes.Select(p => p.ProfileId));
        Assert.Equal(["b1", "b2"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_ProfileCountOne_OnlyHeaviestProfile()
    {
        var result = await TwoProfiles().GetRoutesAsync(Event(("*rouProfileCount", 1m)), Now);

        Assert.Equal(["a1", "a2"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_LimitFromConfig_AppliesWithoutOption()
    {
        var result = await TwoProfiles(new RouteServiceOptions { Limit = 3 }).GetRoutesAsync(Event(), Now);

        Assert.Equal(["a1", "a2", "b1"], Ids(result));
    }

    [Fact]
    public async Task GetRoutesAsync_LimitZero_NotFound()
    {
        var result = await TwoProfiles().GetRoutesAsync(Event(("*rouLimit", 0m)), Now);

        Assert.Equal("NOT_FOUND", result.Error);
    }

    [Fact]
    public async Task GetRoutesAsync_LimitNotAnInteger_ServerError()
    {
        var result = await TwoProfiles().GetRoutesAsync(Event(("*rouLimit", "two")), Now);

        Assert.Equal("SERVER_ERROR: strconv.ParseInt: parsing \"two\": invalid syntax", result.Error);
    }

    [Fact]
    public async Task GetRoutesListAsync_RouteParameters_AppendedAfterColon()
    {
        var service = Service(profiles: Profile("P1", "*weight", Route("gw1", 20) with { RouteParameters = "sip:1.2.3.4" }, Route("gw2", 10)));

        var (routes, error, _) = await service.GetRoutesListAsync(Event(), Now);

        Assert.Null(error);
        Assert.Equal(["gw1:sip:1.2.3.4", "gw2"], routes);
    }
}
