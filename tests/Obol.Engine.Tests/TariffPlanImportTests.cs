using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Tariff plans imported into StorDB under a TPid, then loaded from there, as cgr-console's
/// <c>import_tp_from_folder</c> and <c>load_tp_from_stordb</c> do.</summary>
public sealed class TariffPlanImportTests
{
    [Fact]
    public async Task LoadTariffPlanFromStorDb_ImportedPlan_InForceOnlyOnceLoadedAndKeptAcrossRestart()
    {
        var folder = CopyTutorial(rates => rates.Replace("RT_20CNT,0.4,", "RT_20CNT,0.5,", StringComparison.Ordinal));
        await using var engine = await SessionEngine.StartAsync();
        var none = await engine.Api.CallRawAsync("APIerSv1.GetTPIds", "{}"u8.ToArray());
        var before = await engine.TariffCostAsync("1001", "1002", "60s");

        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP_NEW","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");
        var imported = await engine.TariffCostAsync("1001", "1002", "60s");
        var ids = await engine.CallAsync("APIerSv1.GetTPIds", "{}");
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP_NEW","DryRun":true}""");
        var dryRun = await engine.TariffCostAsync("1001", "1002", "60s");
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP_NEW"}""");
        var loaded = await engine.TariffCostAsync("1001", "1002", "60s");
        var unknown = await engine.Api.CallRawAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP_NONE"}"""u8.ToArray());
        await engine.KillAndRestartAsync();
        var restarted = await engine.TariffCostAsync("1001", "1002", "60s");
        var idsAfter = await engine.CallAsync("APIerSv1.GetTPIds", "{}");

        Assert.Equal("NOT_FOUND", none.Error);
        Assert.Equal((0.6m, 0.6m, 0.6m), (before, imported, dryRun));
        Assert.Equal((0.7m, 0.7m), (loaded, restarted));
        Assert.Equal(["TP_NEW"], ids.EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(ids.GetRawText(), idsAfter.GetRawText());
        Assert.Equal("NOT_FOUND", unknown.Error);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ImportTariffPlanFromFolder_BadRowOrMissingFields_RefusedAndNothingKept()
    {
        var folder = CopyTutorial(rates => rates + "\nRT_BAD,zero,0.1,60s,60s,0s\n");
        await using var engine = await SessionEngine.StartAsync();

        var bad = await engine.Api.CallRawAsync("APIerSv1.ImportTariffPlanFromFolder", JsonSerializer.SerializeToUtf8Bytes(new { TPid = "TP_BAD", FolderPath = folder }));
        var missing = await engine.Api.CallRawAsync("APIerSv1.ImportTariffPlanFromFolder", "{}"u8.ToArray());
        var noFolder = await engine.Api.CallRawAsync("APIerSv1.ImportTariffPlanFromFolder", """{"TPid":"X","FolderPath":"/no/such/folder"}"""u8.ToArray());
        var ids = await engine.Api.CallRawAsync("APIerSv1.GetTPIds", "{}"u8.ToArray());

        Assert.StartsWith("SERVER_ERROR: ", bad.Error, StringComparison.Ordinal);
        Assert.Contains("Rates.csv:", bad.Error, StringComparison.Ordinal);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid FolderPath]", missing.Error);
        Assert.Equal("INVALID_PATH", noFolder.Error);
        Assert.Equal("NOT_FOUND", ids.Error);
        Directory.Delete(folder, recursive: true);
    }

    internal static string CopyTutorial(Func<string, string> changeRates)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial");
        var folder = Directory.CreateTempSubdirectory("obol-tp-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*.csv"))
        {
            var text = File.ReadAllText(file);
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), Path.GetFileName(file) == "Rates.csv" ? changeRates(text) : text);
        }
        return folder;
    }
}
