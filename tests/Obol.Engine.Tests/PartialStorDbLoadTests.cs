using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Parts of a StorDB plan loaded beside the plan in force: APIerSv1.LoadAccountActions, LoadDestination,
/// LoadRatingProfile.</summary>
public sealed class PartialStorDbLoadTests
{
    [Fact]
    public async Task LoadAccountActions_AccountSetInStorDb_CreatedWithItsPlanAndTriggersOthersUntouched()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.DebitBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":3}""");
        await engine.CallAsync("APIerSv1.SetTPActions", """
            {"TPid":"PROV","ID":"ACT_TOPUP_50","Actions":[{"Identifier":"*topup_reset","BalanceId":"main","BalanceType":"*monetary","Units":"50",
            "ExpiryTime":"*unlimited","DestinationIds":"*any","BalanceWeight":"10","Weight":10}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPActions", """{"TPid":"PROV","ID":"ACT_WARN","Actions":[{"Identifier":"*log","Weight":10}]}""");
        await engine.CallAsync("APIerSv1.SetTPActionPlan",
            """{"TPid":"PROV","ID":"AP_50","ActionPlan":[{"ActionsId":"ACT_TOPUP_50","TimingId":"*asap","Weight":10}]}""");
        await engine.CallAsync("APIerSv1.SetTPActionTriggers", """
            {"TPid":"PROV","ID":"AT_LOW","ActionTriggers":[{"Id":"AT_LOW","UniqueID":"low","ThresholdType":"*min_balance","ThresholdValue":5,
            "BalanceType":"*monetary","ActionsId":"ACT_WARN","Weight":10}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPAccountActions",
            """{"TPid":"PROV","LoadId":"L1","Account":"1010","ActionPlanId":"AP_50","ActionTriggersId":"AT_LOW","AllowNegative":true}""");

        var wrongLoad = await engine.Api.CallRawAsync("APIerSv1.LoadAccountActions", """{"TPid":"PROV","LoadId":"L2","Tenant":"cgrates.org","Account":"1010"}"""u8.ToArray());
        var loaded = await engine.CallAsync("APIerSv1.LoadAccountActions", """{"TPid":"PROV","LoadId":"L1","Tenant":"cgrates.org","Account":"1010"}""");
        var account = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1010"}""");
        var plan = await engine.CallAsync("APIerSv1.GetActionPlan", """{"ID":"AP_50"}""");
        var untouched = await engine.MonetaryAsync("1001");
        await engine.KillAndRestartAsync();
        var restarted = await engine.MonetaryAsync("1010");
        var noTp = await engine.Api.CallRawAsync("APIerSv1.LoadAccountActions", """{"Account":"1010"}"""u8.ToArray());

        Assert.Equal("SERVER_ERROR: NOT_FOUND", wrongLoad.Error);
        Assert.Equal("OK", loaded.GetString());
        Assert.Equal(50m, account.GetProperty("BalanceMap").GetProperty("*monetary")[0].GetProperty("Value").GetDecimal());
        Assert.True(account.GetProperty("AllowNegative").GetBoolean());
        Assert.Equal("low", account.GetProperty("ActionTriggers")[0].GetProperty("UniqueID").GetString());
        Assert.Equal(["cgrates.org:1010"], plan[0].GetProperty("AccountIDs").EnumerateObject().Select(p => p.Name));
        Assert.Equal(7m, untouched);
        Assert.Equal(50m, restarted);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid]", noTp.Error);
    }

    [Fact]
    public async Task LoadRatingProfile_ProfileSetInStorDb_RatesWithItWhileTheRestStays()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetTPRatingProfile", """
            {"TPid":"PROV","LoadId":"L1","Category":"call","Subject":"1003",
            "RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_1002","FallbackSubjects":""}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPRatingProfile", """
            {"TPid":"PROV","LoadId":"L1","Category":"call","Subject":"1004",
            "RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_NOT_IN_FORCE","FallbackSubjects":""}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPDestination", """{"TPid":"PROV","ID":"DST_NEW","Prefixes":["4930","4940"]}""");

        var before = await engine.TariffCostAsync("1003", "1001", "60s");
        var other = await engine.TariffCostAsync("1001", "1002", "60s");
        var loaded = await engine.CallAsync("APIerSv1.LoadRatingProfile", """{"TPid":"PROV","LoadId":"L1","Category":"call","Subject":"1003"}""");
        var after = await engine.TariffCostAsync("1003", "1001", "60s");
        var otherAfter = await engine.TariffCostAsync("1001", "1002", "60s");
        var missingPlan = await engine.Api.CallRawAsync("APIerSv1.LoadRatingProfile", """{"TPid":"PROV","Subject":"1004"}"""u8.ToArray());
        var none = await engine.Api.CallRawAsync("APIerSv1.LoadRatingProfile", """{"TPid":"PROV","Subject":"1009"}"""u8.ToArray());
        var destination = await engine.CallAsync("APIerSv1.LoadDestination", """{"TPid":"PROV","ID":"DST_NEW"}""");
        var prefixes = await engine.CallAsync("APIerSv1.GetDestination", "\"DST_NEW\"");
        var noDestination = await engine.Api.CallRawAsync("APIerSv1.LoadDestination", """{"TPid":"PROV","ID":"DST_NONE"}"""u8.ToArray());

        Assert.Equal((0.3m, 0.6m), (before, after));
        Assert.Equal(other, otherAfter);
        Assert.Equal("OK", loaded.GetString());
        Assert.Equal("SERVER_ERROR: could not load rating plans for tag: \"RP_NOT_IN_FORCE\"", missingPlan.Error);
        Assert.Equal("SERVER_ERROR: NOT_FOUND", none.Error);
        Assert.Equal("OK", destination.GetString());
        Assert.Equal(["4930", "4940"], prefixes.GetProperty("Prefixes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("NOT_FOUND", noDestination.Error);
    }

    [Fact]
    public async Task LoadTariffPlanFromStorDb_PlanWithOnlySomeRows_MergedOverThePlanInForce()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.DebitBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":3}""");
        await engine.CallAsync("APIerSv1.SetTPDestination", """{"TPid":"PART","ID":"DST_NEW","Prefixes":["4930"]}""");
        await engine.CallAsync("APIerSv1.SetTPRate",
            """{"TPid":"PART","ID":"RT_20CNT","RateSlots":[{"ConnectFee":0.4,"Rate":0.5,"RateUnit":"60s","RateIncrement":"60s","GroupIntervalStart":"0s"}]}""");

        var before = await engine.TariffCostAsync("1001", "1002", "60s");
        var loaded = await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"PART"}""");
        var after = await engine.TariffCostAsync("1001", "1002", "60s");
        var untouched = await engine.TariffCostAsync("1003", "1001", "60s");
        var prefixes = await engine.CallAsync("APIerSv1.GetDestination", "\"DST_NEW\"");
        var kept = await engine.CallAsync("APIerSv1.GetDestination", "\"DST_1002\"");
        var balance = await engine.MonetaryAsync("1001");
        await engine.KillAndRestartAsync();
        var restarted = await engine.TariffCostAsync("1001", "1002", "60s");

        Assert.Equal("OK", loaded.GetString());
        Assert.Equal((0.6m, 0.9m, 0.9m), (before, after, restarted));
        Assert.Equal(0.3m, untouched);
        Assert.Equal(["4930"], prefixes.GetProperty("Prefixes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["1002"], kept.GetProperty("Prefixes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(7m, balance);
    }

    [Fact]
    public async Task ImportTariffPlanFromFolder_OnlyAccountActionsNamingPlanInForce_ImportedAndLoadedOverIt()
    {
        var folder = Directory.CreateTempSubdirectory("obol-tp-part-").FullName;
        File.WriteAllText(Path.Combine(folder, "AccountActions.csv"), "#Tenant,Account,ActionPlanId,ActionTriggersId,AllowNegative,Disabled\ncgrates.org,1010,AP_PACKAGE_10,,false,false\n");
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.DebitBalance", """{"Tenant":"cgrates.org","Account":"1001","BalanceType":"*monetary","Value":3}""");

        var imported = await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"ONE","FolderPath":{{System.Text.Json.JsonSerializer.Serialize(folder)}}}""");
        var loaded = await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"ONE"}""");
        var created = await engine.MonetaryAsync("1010");
        var untouched = await engine.MonetaryAsync("1001");

        Assert.Equal(("OK", "OK"), (imported.GetString(), loaded.GetString()));
        Assert.Equal(10m, created);
        Assert.Equal(7m, untouched);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task LoadRatingPlan_PlanBuiltInStorDb_InForceForAProfileLoadedAfterIt()
    {
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.SetTPRate",
            """{"TPid":"RP","ID":"RT_NEW","RateSlots":[{"ConnectFee":0,"Rate":1.2,"RateUnit":"60s","RateIncrement":"60s","GroupIntervalStart":"0s"}]}""");
        await engine.CallAsync("APIerSv1.SetTPDestinationRate", """
            {"TPid":"RP","ID":"DR_NEW","DestinationRates":[{"DestinationId":"DST_1001","RateId":"RT_NEW","RoundingMethod":"*up","RoundingDecimals":4,
            "MaxCost":0,"MaxCostStrategy":""}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPRatingPlan",
            """{"TPid":"RP","ID":"RP_NEW","RatingPlanBindings":[{"DestinationRatesId":"DR_NEW","TimingId":"*any","Weight":10}]}""");
        await engine.CallAsync("APIerSv1.SetTPRatingProfile", """
            {"TPid":"RP","LoadId":"L1","Category":"call","Subject":"1003",
            "RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_NEW","FallbackSubjects":""}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPSharedGroups",
            """{"TPid":"RP","ID":"SG_NEW","SharedGroups":[{"Account":"*any","Strategy":"*lowest","RatingSubject":""}]}""");

        var profileFirst = await engine.Api.CallRawAsync("APIerSv1.LoadRatingProfile", """{"TPid":"RP","Subject":"1003"}"""u8.ToArray());
        var plan = await engine.CallAsync("APIerSv1.LoadRatingPlan", """{"TPid":"RP","RatingPlanId":"RP_NEW"}""");
        var before = await engine.TariffCostAsync("1003", "1001", "60s");
        var profile = await engine.CallAsync("APIerSv1.LoadRatingProfile", """{"TPid":"RP","Subject":"1003"}""");
        var after = await engine.TariffCostAsync("1003", "1001", "60s");
        var other = await engine.TariffCostAsync("1001", "1002", "60s");
        var noPlan = await engine.Api.CallRawAsync("APIerSv1.LoadRatingPlan", """{"TPid":"RP","RatingPlanId":"RP_NONE"}"""u8.ToArray());
        var group = await engine.CallAsync("APIerSv1.LoadSharedGroup", """{"TPid":"RP","SharedGroupId":"SG_NEW"}""");
        var shared = await engine.CallAsync("APIerSv1.GetSharedGroup", "\"SG_NEW\"");

        Assert.Equal("SERVER_ERROR: could not load rating plans for tag: \"RP_NEW\"", profileFirst.Error);
        Assert.Equal(("OK", "OK", "OK"), (plan.GetString(), profile.GetString(), group.GetString()));
        Assert.Equal((0.3m, 1.2m), (before, after));
        Assert.Equal(0.6m, other);
        Assert.Equal("NOT_FOUND", noPlan.Error);
        Assert.Equal("SG_NEW", shared.GetProperty("Id").GetString());
    }
}
