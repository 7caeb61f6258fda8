using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.LoadTariffPlanFromFolder writes a folder over the plan in force, as CGRateS's TpReader writes it
/// into DataDB without a flush: what the folder names is replaced, the rest stays, only its own accounts are touched.</summary>
public sealed class FolderLoadMergeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"obol-foldermerge-{Guid.NewGuid():N}");

    [Fact]
    public async Task LoadTariffPlanFromFolder_SecondFolder_AddsAndReplacesWhatItNamesAndKeepsTheRest()
    {
        var extra = Folder("extra", ("Destinations.csv", "#Id,Prefix\nDST_EXTRA,49\n"),
            ("AccountActions.csv", "#Tenant,Account,ActionPlanId,ActionTriggersId,AllowNegative,Disabled\ncgrates.org,2001,,,false,false\n"));
        var again = Folder("again", ("Destinations.csv", "#Id,Prefix\nDST_EXTRA,48\n"));
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetBalance",
            """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":55,"Balance":{"ID":"test"}}""");
        var costBefore = await engine.CallAsync("APIerSv1.GetCost", Cost);

        await engine.CallAsync("APIerSv1.LoadTariffPlanFromFolder", JsonSerializer.Serialize(new { FolderPath = extra }));
        var added = await engine.CallAsync("APIerSv1.GetDestination", "\"DST_EXTRA\"");
        var tutorialDestination = await engine.CallAsync("APIerSv1.GetDestination", "\"DST_1002\"");
        var newAccount = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"2001"}""");
        var untouched = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1001"}""");
        var costAfter = await engine.CallAsync("APIerSv1.GetCost", Cost);
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromFolder", JsonSerializer.Serialize(new { FolderPath = again }));
        var replaced = await engine.CallAsync("APIerSv1.GetDestination", "\"DST_EXTRA\"");

        Assert.Equal(["49"], Prefixes(added));
        Assert.Equal(["1002"], Prefixes(tutorialDestination));
        Assert.Equal("cgrates.org:2001", newAccount.GetProperty("ID").GetString());
        Assert.Equal(55m, untouched.GetProperty("BalanceMap").GetProperty("*monetary")[0].GetProperty("Value").GetDecimal());
        Assert.Equal(costBefore.GetProperty("Cost").GetDecimal(), costAfter.GetProperty("Cost").GetDecimal());
        Assert.Equal(["48"], Prefixes(replaced));
    }

    [Fact]
    public async Task LoadTariffPlanFromFolder_AfterApiChanges_KeepsThoseTheFolderDoesNotNameAcrossARestart()
    {
        var folder = Folder("dst", ("Destinations.csv", "#Id,Prefix\nDST_API_NAMED,47\nDST_OTHER,46\n"));
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetDestination", """{"Id":"DST_API_KEPT","Prefixes":["45"]}""");
        await engine.CallAsync("APIerSv1.SetDestination", """{"Id":"DST_API_NAMED","Prefixes":["44"]}""");
        await engine.CallAsync("APIerSv1.SetActions", """{"ActionsId":"ACT_API","Actions":[{"Identifier":"*log","Weight":10}]}""");

        await engine.CallAsync("APIerSv1.LoadTariffPlanFromFolder", JsonSerializer.Serialize(new { FolderPath = folder }));

        Assert.Equal(["45"], Prefixes(await engine.CallAsync("APIerSv1.GetDestination", "\"DST_API_KEPT\"")));
        Assert.Equal(["47"], Prefixes(await engine.CallAsync("APIerSv1.GetDestination", "\"DST_API_NAMED\"")));
        Assert.Single((await engine.CallAsync("APIerSv1.GetActions", "\"ACT_API\"")).EnumerateArray());
        await engine.KillAndRestartAsync();
        Assert.Equal(["45"], Prefixes(await engine.CallAsync("APIerSv1.GetDestination", "\"DST_API_KEPT\"")));
        Assert.Equal(["47"], Prefixes(await engine.CallAsync("APIerSv1.GetDestination", "\"DST_API_NAMED\"")));
        Assert.Equal(["46"], Prefixes(await engine.CallAsync("APIerSv1.GetDestination", "\"DST_OTHER\"")));
        Assert.Single((await engine.CallAsync("APIerSv1.GetActions", "\"ACT_API\"")).EnumerateArray());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private const string Cost =
        """{"Tenant":"cgrates.org","Category":"call","Subject":"1001","AnswerTime":"2025-01-01T10:00:00Z","Destination":"1002","Usage":"90s"}""";

    private string Folder(string name, params (string File, string Text)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }
        return folder;
    }

    private static string[] Prefixes(JsonElement destination) => [.. destination.GetProperty("Prefixes").EnumerateArray().Select(p => p.GetString()!)];
}
