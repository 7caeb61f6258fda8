using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.RemoveTPFromFolder and RemoveTPFromStorDB: what a folder (or StorDB plan) defines goes from the plan in force and from the profiles, as
/// CGRateS's TpReader.RemoveFromDatabase removes it from DataDB; the rest, and the accounts, stay.</summary>
public sealed class RemoveTpFromFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"obol-tpremove-{Guid.NewGuid():N}");

    [Fact]
    public async Task RemoveTPFromFolder_FolderLoadedEarlier_ItsRatingAndProfilesGoTheTutorialStaysAcrossARestart()
    {
        var extra = ExtraFolder();
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromFolder", JsonSerializer.Serialize(new { FolderPath = extra }));
        var extraCost = await engine.CallAsync("APIerSv1.GetCost", Cost("extra", "2999"));
        var loadedAttribute = await engine.Api.CallRawAsync("APIerSv1.GetAttributeProfile", """{"Tenant":"cgrates.org","ID":"ATTR_EXTRA"}"""u8.ToArray());

        var removed = await engine.CallAsync("APIerSv1.RemoveTPFromFolder", JsonSerializer.Serialize(new { FolderPath = extra }));

        Assert.Equal(("OK", 0.6m, null), (removed.GetString(), extraCost.GetProperty("Cost").GetDecimal(), loadedAttribute.Error));
        await AssertRemovedAsync(engine);
        await engine.KillAndRestartAsync();
        await AssertRemovedAsync(engine);
    }

    [Fact]
    public async Task RemoveTPFromStorDB_PlanLoadedFromStorDb_ItsItemsGoAndAnUnknownTpidIsNotFound()
    {
        var extra = ExtraFolder();
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", JsonSerializer.Serialize(new { TPid = "EXTRA", FolderPath = extra }));
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"EXTRA"}""");
        var loaded = await engine.CallAsync("APIerSv1.GetCost", Cost("extra", "2999"));

        var removed = await engine.CallAsync("APIerSv1.RemoveTPFromStorDB", """{"TPid":"EXTRA"}""");
        var unknown = await engine.Api.CallRawAsync("APIerSv1.RemoveTPFromStorDB", """{"TPid":"NONE"}"""u8.ToArray());

        Assert.Equal((0.6m, "OK", "NOT_FOUND"), (loaded.GetProperty("Cost").GetDecimal(), removed.GetString(), unknown.Error));
        await AssertRemovedAsync(engine);
    }

    [Fact]
    public async Task RemoveTPFromFolder_RatingPlanStillActivatedByTheTutorial_RefusedNamingItAndNothingChanges()
    {
        var folder = Folder("rp", ("RatingPlans.csv", "#Id,DestinationRatesId,TimingTag,Weight\nRP_1001,DR_1002_20CNT,*any,10\n"));
        await using var engine = await SessionEngine.StartAsync();
        var before = await engine.CallAsync("APIerSv1.GetCost", Cost("1001", "1002"));

        var reply = await engine.Api.CallRawAsync("APIerSv1.RemoveTPFromFolder", JsonSerializer.SerializeToUtf8Bytes(new { FolderPath = folder }));

        Assert.StartsWith("SERVER_ERROR: ", reply.Error);
        Assert.Contains("RP_1001", reply.Error, StringComparison.Ordinal);
        var after = await engine.CallAsync("APIerSv1.GetCost", Cost("1001", "1002"));
        Assert.Equal(before.GetProperty("Cost").GetDecimal(), after.GetProperty("Cost").GetDecimal());
    }

    [Fact]
    public async Task RemoveTPFromFolder_MissingOrAbsentFolder_AnswersCgratesErrors()
    {
        await using var engine = await SessionEngine.StartAsync();

        var missing = await engine.Api.CallRawAsync("APIerSv1.RemoveTPFromFolder", "{}"u8.ToArray());
        var absent = await engine.Api.CallRawAsync("APIerSv1.RemoveTPFromFolder", JsonSerializer.SerializeToUtf8Bytes(new { FolderPath = Path.Combine(_root, "none") }));

        Assert.Equal(("MANDATORY_IE_MISSING:FolderPath", "INVALID_PATH"), (missing.Error, absent.Error));
    }

    private static async Task AssertRemovedAsync(SessionEngine engine)
    {
        var cost = await engine.Api.CallRawAsync("APIerSv1.GetCost", System.Text.Encoding.UTF8.GetBytes(Cost("extra", "2999")));
        var attribute = await engine.Api.CallRawAsync("APIerSv1.GetAttributeProfile", """{"Tenant":"cgrates.org","ID":"ATTR_EXTRA"}"""u8.ToArray());
        var filter = await engine.Api.CallRawAsync("APIerSv1.GetFilter", """{"Tenant":"cgrates.org","ID":"FLTR_EXTRA"}"""u8.ToArray());
        var destination = await engine.Api.CallRawAsync("APIerSv1.GetDestination", "\"DST_EXTRA\""u8.ToArray());
        Assert.NotNull(cost.Error);
        Assert.Equal(("NOT_FOUND", "NOT_FOUND", "NOT_FOUND"), (attribute.Error, filter.Error, destination.Error));
        var tutorial = await engine.CallAsync("APIerSv1.GetCost", Cost("1001", "1002"));
        Assert.True(tutorial.GetProperty("Cost").GetDecimal() > 0);
        Assert.Equal(10m, await engine.MonetaryAsync("1001"));
    }

    private string ExtraFolder() => Folder("extra",
        ("Destinations.csv", "#Id,Prefix\nDST_EXTRA,2999\n"),
        ("Rates.csv", "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_EXTRA,0,0.6,60s,60s,0s\n"),
        ("DestinationRates.csv", "#Id,DestinationId,RatesTag,RoundingMethod,RoundingDecimals,MaxCost,MaxCostStrategy\nDR_EXTRA,DST_EXTRA,RT_EXTRA,*up,4,0,\n"),
        ("RatingPlans.csv", "#Id,DestinationRatesId,TimingTag,Weight\nRP_EXTRA,DR_EXTRA,*any,10\n"),
        ("RatingProfiles.csv", "#Tenant,Category,Subject,ActivationTime,RatingPlanId,RatesFallbackSubject\ncgrates.org,call,extra,2014-01-14T00:00:00Z,RP_EXTRA,\n"),
        ("Filters.csv", "#Tenant,ID,Type,Element,Values,ActivationInterval\ncgrates.org,FLTR_EXTRA,*string,~*req.Account,extra,\n"),
        ("Attributes.csv", "#Tenant,ID,Contexts,FilterIDs,ActivationInterval,AttributeFilterIDs,Path,Type,Value,Blocker,Weight\n" +
            "cgrates.org,ATTR_EXTRA,*any,FLTR_EXTRA,,,*req.Category,*constant,call,false,10\n"));

    private static string Cost(string subject, string destination) =>
        $$"""{"Tenant":"cgrates.org","Category":"call","Subject":"{{subject}}","AnswerTime":"2025-01-01T10:00:00Z","Destination":"{{destination}}","Usage":"60s"}""";

    private string Folder(string name, params (string File, string Text)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }
        return folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
