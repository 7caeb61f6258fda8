using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.SetDestination and RemoveDestination: a prefix added over the API is rated at once, stays after
/// a SIGKILL and restart, and goes again when removed.</summary>
public sealed class DestinationApiTests
{
    private const string CostOf1099 = """
        {"Tenant":"cgrates.org","Category":"call","Subject":"1001","AnswerTime":"2014-08-04T13:00:00Z","Destination":"1099","Usage":"20s"}
        """;

    [Fact]
    public async Task SetDestination_PrefixAddedToDst1002_RatedAsIt_KeptAcrossRestart_GoneWhenRemoved()
    {
        await using var engine = await SessionEngine.StartAsync();
        var before = await engine.Api.CallRawAsync("APIerSv1.GetCost", System.Text.Encoding.UTF8.GetBytes(CostOf1099));

        var refused = await engine.Api.CallRawAsync("APIerSv1.SetDestination", """{"Id":"DST_1002","Prefixes":["1002","1099"]}"""u8.ToArray());
        var set = await engine.CallAsync("APIerSv1.SetDestination", """{"Id":"DST_1002","Prefixes":["1002","1099"],"Overwrite":true}""");
        var as1002 = await engine.TariffCostAsync("1001", "1002", "20s");
        var after = await engine.TariffCostAsync("1001", "1099", "20s");
        await engine.KillAndRestartAsync();
        var restarted = await engine.TariffCostAsync("1001", "1099", "20s");
        var removed = await engine.CallAsync("APIerSv1.RemoveDestination", """{"DestinationIDs":["DST_1002"],"Prefixes":["1099"]}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetCost", System.Text.Encoding.UTF8.GetBytes(CostOf1099));

        Assert.NotNull(before.Error);
        Assert.Equal("EXISTS", refused.Error);
        Assert.Equal(("OK", "OK"), (set.GetString(), removed.GetString()));
        Assert.Equal((as1002, as1002), (after, restarted));
        Assert.Equal(before.Error, gone.Error);
        Assert.Equal(as1002, await engine.TariffCostAsync("1001", "1002", "20s"));
    }
}
