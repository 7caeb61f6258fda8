using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The data and stor DB versions a fresh store is given, changed over the API and kept across a SIGKILL.</summary>
public sealed class VersionsApiTests
{
    [Fact]
    public async Task SetStorDBVersions_MergeThenOverwrite_StoredAndKeptAcrossRestart()
    {
        await using var engine = await SessionEngine.StartAsync();
        var data = Versions(await engine.CallAsync("APIerSv1.GetDataDBVersions", "\"\""));
        var stor = Versions(await engine.CallAsync("APIerSv1.GetStorDBVersions", "{}"));

        await engine.CallAsync("APIerSv1.SetStorDBVersions", """{"Versions":{"CDRs":1}}""");
        var merged = Versions(await engine.CallAsync("APIerSv1.GetStorDBVersions", "{}"));
        await engine.CallAsync("APIerSv1.SetDataDBVersions", """{"Versions":{"Accounts":2,"Extra":7},"Overwrite":true}""");
        await engine.KillAndRestartAsync();
        var overwritten = Versions(await engine.CallAsync("APIerSv1.GetDataDBVersions", "{}"));
        var storAfter = Versions(await engine.CallAsync("APIerSv1.GetStorDBVersions", "{}"));

        // The tutorial's databases are *internal, which hold both sets.
        Assert.Equal(data, stor);
        Assert.Equal((3, 2, 6, 3), (data["Accounts"], data["CDRs"], data["Attributes"], data["SessionSCosts"]));
        Assert.Equal(1, merged["CDRs"]);
        Assert.Equal(stor.Where(v => v.Key != "CDRs"), merged.Where(v => v.Key != "CDRs"));
        Assert.Equal(new Dictionary<string, long> { ["Accounts"] = 2, ["Extra"] = 7 }, overwritten);
        Assert.Equal(merged, storAfter);
    }

    private static Dictionary<string, long> Versions(JsonElement reply) =>
        reply.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
}
