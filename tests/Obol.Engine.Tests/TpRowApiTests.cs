using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's StorDB row methods (SetTP…, GetTP…, GetTP…Ids, RemoveTP…) on plans imported under a TPid, and
/// what LoadTariffPlanFromStorDb makes of their changes.</summary>
public sealed class TpRowApiTests
{
    [Fact]
    public async Task SetTPRate_OnImportedPlan_ReadBackAndLoadedFromStorDb()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var imported = await engine.CallAsync("APIerSv1.GetTPRate", """{"TPid":"TP1","ID":"RT_20CNT"}""");
        var set = await engine.CallAsync("APIerSv1.SetTPRate",
            """{"TPid":"TP1","ID":"RT_20CNT","RateSlots":[{"ConnectFee":0.4,"Rate":0.5,"RateUnit":"60s","RateIncrement":"60s","GroupIntervalStart":"0s"}]}""");
        var changed = await engine.CallAsync("APIerSv1.GetTPRate", """{"TPid":"TP1","ID":"RT_20CNT"}""");
        var before = await engine.TariffCostAsync("1001", "1002", "60s");
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP1"}""");
        var loaded = await engine.TariffCostAsync("1001", "1002", "60s");

        Assert.Equal("""{"TPid":"TP1","ID":"RT_20CNT","RateSlots":[{"ConnectFee":0.4,"Rate":0.2,"RateUnit":"60s","RateIncrement":"60s","GroupIntervalStart":"0s"},{"ConnectFee":0,"Rate":0.1,"RateUnit":"60s","RateIncrement":"1s","GroupIntervalStart":"60s"}]}""",
            imported.GetRawText());
        Assert.Equal("OK", set.GetString());
        Assert.Equal("""{"TPid":"TP1","ID":"RT_20CNT","RateSlots":[{"ConnectFee":0.4,"Rate":0.5,"RateUnit":"60s","RateIncrement":"60s","GroupIntervalStart":"0s"}]}""",
            changed.GetRawText());
        Assert.Equal((0.6m, 0.9m), (before, loaded));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SetTPDestination_NewTPid_IdsPagedRemovedAndKeptAcrossRestart()
    {
        await using var engine = await SessionEngine.StartAsync();

        foreach (var (id, prefix) in new[] { ("DST_B", "4915"), ("DST_A", "4916"), ("DST_C", "4917") })
        {
            await engine.CallAsync("APIerSv1.SetTPDestination", $$"""{"TPid":"TPX","ID":"{{id}}","Prefixes":["{{prefix}}","{{prefix}}0"]}""");
        }
        var ids = await engine.CallAsync("APIerSv1.GetTPDestinationIDs", """{"TPid":"TPX"}""");
        var page = await engine.CallAsync("APIerSv1.GetTPDestinationIDs", """{"TPid":"TPX","Limit":1,"Offset":1}""");
        var search = await engine.CallAsync("APIerSv1.GetTPDestinationIDs", """{"TPid":"TPX","Search":"_C"}""");
        await engine.CallAsync("APIerSv1.RemoveTPDestination", """{"TPid":"TPX","ID":"DST_B"}""");
        await engine.KillAndRestartAsync();
        var after = await engine.CallAsync("APIerSv1.GetTPDestinationIDs", """{"TPid":"TPX"}""");
        var one = await engine.CallAsync("APIerSv1.GetTPDestination", """{"TPid":"TPX","ID":"DST_A"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetTPDestination", """{"TPid":"TPX","ID":"DST_B"}"""u8.ToArray());
        var tpIds = await engine.CallAsync("APIerSv1.GetTPIds", "{}");

        Assert.Equal("""["DST_A","DST_B","DST_C"]""", ids.GetRawText());
        Assert.Equal("""["DST_B"]""", page.GetRawText());
        Assert.Equal("""["DST_C"]""", search.GetRawText());
        Assert.Equal("""["DST_A","DST_C"]""", after.GetRawText());
        Assert.Equal("""{"TPid":"TPX","ID":"DST_A","Prefixes":["4916","49160"]}""", one.GetRawText());
        Assert.Equal("NOT_FOUND", gone.Error);
        Assert.Equal("""["TPX"]""", tpIds.GetRawText());
    }

    [Fact]
    public async Task GetTPDestination_ApierV2_NamesTheIdTag()
    {
        await using var engine = await SessionEngine.StartAsync();

        await engine.CallAsync("APIerSv2.SetTPDestination", """{"TPid":"TPX","ID":"DST_V2","Prefixes":["33"]}""");
        var byTag = await engine.CallAsync("APIerSv2.GetTPDestination", """{"TPid":"TPX","Tag":"DST_V2"}""");
        var byId = await engine.Api.CallRawAsync("APIerSv2.GetTPDestination", """{"TPid":"TPX","ID":"DST_V2"}"""u8.ToArray());
        await engine.CallAsync("APIerSv2.RemoveTPDestination", """{"TPid":"TPX","Tag":"DST_V2"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetTPDestination", """{"TPid":"TPX","ID":"DST_V2"}"""u8.ToArray());

        Assert.Equal("""{"TPid":"TPX","ID":"DST_V2","Prefixes":["33"]}""", byTag.GetRawText());
        Assert.Equal("MANDATORY_IE_MISSING: [Tag]", byId.Error);
        Assert.Equal("NOT_FOUND", gone.Error);
    }

    [Fact]
    public async Task SetTPTiming_MissingFields_NamedAsCgratesNamesThem()
    {
        await using var engine = await SessionEngine.StartAsync();

        var missing = await engine.Api.CallRawAsync("APIerSv1.SetTPTiming", """{"TPid":"TPX","ID":"T1","Years":"*any"}"""u8.ToArray());
        var noKey = await engine.Api.CallRawAsync("APIerSv1.GetTPTiming", """{"TPid":"TPX"}"""u8.ToArray());
        var noTp = await engine.Api.CallRawAsync("APIerSv1.GetTPTimingIds", "{}"u8.ToArray());
        await engine.CallAsync("APIerSv1.SetTPTiming",
            """{"TPid":"TPX","ID":"T1","Years":"*any","Months":"*any","MonthDays":"*any","WeekDays":"1;2;3;4;5","Time":"08:00:00"}""");
        var timing = await engine.CallAsync("APIerSv1.GetTPTiming", """{"TPid":"TPX","ID":"T1"}""");

        Assert.Equal("MANDATORY_IE_MISSING: [Months MonthDays WeekDays Time]", missing.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [ID]", noKey.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid]", noTp.Error);
        Assert.Equal("""{"TPid":"TPX","ID":"T1","Years":"*any","Months":"*any","MonthDays":"*any","WeekDays":"1;2;3;4;5","Time":"08:00:00"}""", timing.GetRawText());
    }
}

/// <summary>A StorDB plan as files: APIerSv1.RemTP, ExportTPToFolder, ExportTPToZipString, ImportTPZipFile.</summary>
public sealed class TpArchiveApiTests
{
    [Fact]
    public async Task ExportTPToZipString_ImportedPlan_ImportsBackUnderAnotherTPid()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var zip = await engine.CallAsync("APIerSv1.ExportTPToZipString", """{"TPid":"TP1"}""");
        var semicolons = await engine.CallAsync("APIerSv1.ExportTPToZipString", """{"TPid":"TP1","FieldSeparator":";"}""");
        var imported = await engine.CallAsync("APIerSv1.ImportTPZipFile", $$"""{"TPid":"TP2","File":"{{zip.GetString()}}"}""");
        var rate = await engine.CallAsync("APIerSv1.GetTPRate", """{"TPid":"TP2","ID":"RT_20CNT"}""");
        var removed = await engine.CallAsync("APIerSv1.RemTP", """{"TPid":"TP1"}""");
        var ids = await engine.CallAsync("APIerSv1.GetTPIds", "{}");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetTPRate", """{"TPid":"TP1","ID":"RT_20CNT"}"""u8.ToArray());
        var notZip = await engine.Api.CallRawAsync("APIerSv1.ImportTPZipFile", """{"TPid":"TP3","File":"bm90IGEgemlw"}"""u8.ToArray());

        Assert.Equal("OK", imported.GetString());
        Assert.Equal(0.2m, rate.GetProperty("RateSlots")[0].GetProperty("Rate").GetDecimal());
        Assert.Contains("DST_1002;1002", Entry(semicolons.GetString()!, "Destinations.csv"), StringComparison.Ordinal);
        Assert.Equal("OK", removed.GetString());
        Assert.Equal("""["TP2"]""", ids.GetRawText());
        Assert.Equal("NOT_FOUND", gone.Error);
        Assert.StartsWith("SERVER_ERROR: unzipping file", notZip.Error, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ExportTPToFolder_ImportedPlan_WritesItsFilesThere()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        var export = Directory.CreateTempSubdirectory("obol-tpe-").FullName;
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var stats = await engine.CallAsync("APIerSv1.ExportTPToFolder", $$"""{"TPid":"TP1","ExportPath":{{JsonSerializer.Serialize(export)}}}""");
        var missing = await engine.Api.CallRawAsync("APIerSv1.ExportTPToFolder", "{}"u8.ToArray());

        Assert.Equal(export, stats.GetProperty("ExportPath").GetString());
        Assert.False(stats.GetProperty("Compressed").GetBoolean());
        Assert.Contains("Rates.csv", stats.GetProperty("ExportedFiles").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("RT_20CNT,0.4,0.2,60s,60s,0s", File.ReadAllText(Path.Combine(export, "Rates.csv")), StringComparison.Ordinal);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid]", missing.Error);
        Directory.Delete(folder, recursive: true);
        Directory.Delete(export, recursive: true);
    }

    private static string Entry(string base64, string name)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(Convert.FromBase64String(base64)));
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
