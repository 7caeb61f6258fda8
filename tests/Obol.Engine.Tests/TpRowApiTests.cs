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
