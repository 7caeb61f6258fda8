using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Load IDs and the load history as a running engine keeps them: stamped by loads and API changes, kept across
/// a SIGKILL.</summary>
public sealed class LoadIdsApiTests
{
    private static readonly string s_tutorial = Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial");

    [Fact]
    public async Task GetLoadIDs_StartupLoadThenApiChange_LoadedPartitionsShareTheLoadsIdAndTheChangeStampsItsOwn()
    {
        await using var engine = await SessionEngine.StartAsync();
        var loaded = Ids(await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\""));
        var history = await engine.CallAsync("APIerSv1.GetLoadHistory", "{}");

        await engine.CallAsync("APIerSv1.SetAttributeProfile",
            """{"Tenant":"cgrates.org","ID":"ATTR_NEW","Contexts":["*any"],"FilterIDs":["*string:~*req.Account:9999"],"Attributes":[{"Path":"*req.Category","Value":[{"Rules":"new"}]}],"Weight":5}""");
        var afterSet = Ids(await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\""));
        var one = Ids(await engine.CallAsync("APIerSv1.GetLoadIDs", "\"*rating_plans\""));
        var unknown = await engine.Api.CallRawAsync("APIerSv1.GetLoadIDs", "\"*dispatcher_profiles\""u8.ToArray());

        Assert.Single(history.EnumerateArray());
        var loadId = long.Parse(history[0].GetProperty("RatingLoadID").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(history[0].GetProperty("RatingLoadID").GetString(), history[0].GetProperty("AccountingLoadID").GetString());
        foreach (var partition in (string[])["*destinations", "*rating_plans", "*rating_profiles", "*actions", "*action_plans", "*filters",
                     "*attribute_profiles", "*charger_profiles", "*threshold_profiles", "*statqueue_profiles", "*resource_profiles", "*route_profiles"])
        {
            Assert.Equal(loadId, loaded[partition]);
        }
        Assert.True(afterSet["*attribute_profiles"] > loadId);
        Assert.Equal(loaded.Where(p => p.Key != "*attribute_profiles"), afterSet.Where(p => p.Key != "*attribute_profiles"));
        Assert.Equal(new Dictionary<string, long> { ["*rating_plans"] = loadId }, one);
        Assert.Equal("NOT_FOUND", unknown.Error);
    }

    [Fact]
    public async Task GetLoadHistory_LoadsDryRunAndRestart_NewestFirstPagedAndKept()
    {
        await using var engine = await SessionEngine.StartAsync();
        var folder = JsonSerializer.Serialize(s_tutorial);

        var dryRun = await engine.CallAsync("APIerSv2.LoadTariffPlanFromFolder", $$"""{"FolderPath":{{folder}},"DryRun":true}""");
        var second = await engine.CallAsync("APIerSv2.LoadTariffPlanFromFolder", $$"""{"FolderPath":{{folder}}}""");
        await engine.CallAsync("APIerSv1.SetActionPlan",
            """{"Id":"AP_NEW","ActionPlan":[{"ActionsId":"ACT_TOPUP_RST_10","Time":"*asap","Weight":10}],"ReloadScheduler":true}""");
        var history = await engine.CallAsync("APIerSv1.GetLoadHistory", "{}");
        var newest = await engine.CallAsync("APIerSv1.GetLoadHistory", """{"Limit":1}""");
        var oldest = await engine.CallAsync("APIerSv1.GetLoadHistory", """{"Offset":1}""");
        var beyond = await engine.Api.CallRawAsync("APIerSv1.GetLoadHistory", """{"Offset":2}"""u8.ToArray());
        var ids = Ids(await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\""));
        var times = await engine.CallAsync("APIerSv1.GetLoadTimes", """{"Item":"*rating_plans","Timezone":"UTC"}""");

        await engine.KillAndRestartAsync();
        var historyAfter = await engine.CallAsync("APIerSv1.GetLoadHistory", "{}");
        var idsAfter = Ids(await engine.CallAsync("APIerSv1.GetLoadIDs", "\"\""));

        Assert.Equal(("*dry_run", "*dry_run"), (dryRun.GetProperty("RatingLoadID").GetString(), dryRun.GetProperty("AccountingLoadID").GetString()));
        Assert.Equal(2, history.GetArrayLength());
        Assert.Equal(second.GetRawText(), history[0].GetRawText());
        Assert.Equal(second.GetRawText(), newest.EnumerateArray().Single().GetRawText());
        Assert.Equal(history[1].GetRawText(), oldest.EnumerateArray().Single().GetRawText());
        Assert.Equal("NOT_FOUND", beyond.Error);
        var secondId = long.Parse(second.GetProperty("RatingLoadID").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(secondId, ids["*rating_plans"]);
        Assert.True(ids["*action_plans"] > secondId);
        var expectedTime = DateTimeOffset.FromUnixTimeMilliseconds(secondId / 1_000_000).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.StartsWith(expectedTime, times.GetProperty("*rating_plans").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(" +0000 UTC", times.GetProperty("*rating_plans").GetString(), StringComparison.Ordinal);
        Assert.Equal(history.GetRawText(), historyAfter.GetRawText());
        Assert.Equal(ids, idsAfter);
    }

    private static Dictionary<string, long> Ids(JsonElement reply) =>
        reply.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
}
