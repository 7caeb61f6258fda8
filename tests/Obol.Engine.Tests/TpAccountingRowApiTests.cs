using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's StorDB row methods for the rating and accounting tables (destination rates, rating plans, rating
/// profiles, shared groups, actions, action plans, action triggers, account actions), the LoadId IDs of rating profiles
/// and account actions, and what LoadTariffPlanFromStorDb makes of their changes.</summary>
public sealed class TpAccountingRowApiTests
{
    [Fact]
    public async Task SetTPDestinationRate_AndRatingPlan_ImportedAndSetReadBackAsCgratesShapes()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var importedRate = await engine.CallAsync("APIerSv1.GetTPDestinationRate", """{"TPid":"TP1","ID":"DR_1003_MAXCOST_DISC"}""");
        var importedPlan = await engine.CallAsync("APIerSv1.GetTPRatingPlan", """{"TPid":"TP1","ID":"RP_1001"}""");
        await engine.CallAsync("APIerSv1.SetTPDestinationRate", """
            {"TPid":"TP1","ID":"DR_NEW","DestinationRates":[{"DestinationId":"DST_1002","RateId":"RT_40CNT","RoundingMethod":"*middle",
            "RoundingDecimals":2,"MaxCost":1.5,"MaxCostStrategy":"*free"},{"DestinationId":"DST_1001","RateId":"RT_1CNT"}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPRatingPlan",
            """{"TPid":"TP1","ID":"RP_NEW","RatingPlanBindings":[{"DestinationRatesId":"DR_NEW","TimingId":"*any","Weight":20.5}]}""");
        var rate = await engine.CallAsync("APIerSv1.GetTPDestinationRate", """{"TPid":"TP1","ID":"DR_NEW"}""");
        var plan = await engine.CallAsync("APIerSv1.GetTPRatingPlan", """{"TPid":"TP1","ID":"RP_NEW"}""");
        var rateIds = await engine.CallAsync("APIerSv1.GetTPDestinationRateIds", """{"TPid":"TP1","Search":"_NEW"}""");
        var planIds = await engine.CallAsync("APIerSv1.GetTPRatingPlanIds", """{"TPid":"TP1","Limit":2}""");
        await engine.CallAsync("APIerSv1.RemoveTPRatingPlan", """{"TPid":"TP1","ID":"RP_NEW"}""");
        var removed = await engine.Api.CallRawAsync("APIerSv1.GetTPRatingPlan", """{"TPid":"TP1","ID":"RP_NEW"}"""u8.ToArray());

        Assert.Equal("""
            {"TPid":"TP1","ID":"DR_1003_MAXCOST_DISC","DestinationRates":[{"DestinationId":"DST_1003","RateId":"RT_1CNT_PER_SEC","Rate":null,"RoundingMethod":"*up","RoundingDecimals":4,"MaxCost":0.12,"MaxCostStrategy":"*disconnect"}]}
            """, importedRate.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","ID":"RP_1001","RatingPlanBindings":[{"DestinationRatesId":"DR_1002_20CNT","TimingId":"*any","Weight":10},{"DestinationRatesId":"DR_1003_MAXCOST_DISC","TimingId":"*any","Weight":10}]}
            """, importedPlan.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","ID":"DR_NEW","DestinationRates":[{"DestinationId":"DST_1002","RateId":"RT_40CNT","Rate":null,"RoundingMethod":"*middle","RoundingDecimals":2,"MaxCost":1.5,"MaxCostStrategy":"*free"},{"DestinationId":"DST_1001","RateId":"RT_1CNT","Rate":null,"RoundingMethod":"","RoundingDecimals":0,"MaxCost":0,"MaxCostStrategy":""}]}
            """, rate.GetRawText());
        Assert.Equal("""{"TPid":"TP1","ID":"RP_NEW","RatingPlanBindings":[{"DestinationRatesId":"DR_NEW","TimingId":"*any","Weight":20.5}]}""",
            plan.GetRawText());
        Assert.Equal("""["DR_NEW"]""", rateIds.GetRawText());
        Assert.Equal("""["RP_1001","RP_1002"]""", planIds.GetRawText());
        Assert.Equal("NOT_FOUND", removed.Error);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SetTPRatingProfile_WithLoadId_ReadByIdListedAndLoadedFromStorDb()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var imported = await engine.CallAsync("APIerSv1.GetTPRatingProfile", """{"TPid":"TP1","RatingProfileID":"CSVLOAD:cgrates.org:call:1001"}""");
        var anyLoadId = await engine.CallAsync("APIerSv1.GetTPRatingProfile", """{"TPid":"TP1","RatingProfileID":":cgrates.org:call:1002"}""");
        var set = await engine.CallAsync("APIerSv1.SetTPRatingProfile", """
            {"TPid":"TP1","LoadId":"L1","Category":"call","Subject":"1003",
            "RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_1002","FallbackSubjects":""}]}
            """);
        var changed = await engine.CallAsync("APIerSv1.GetTPRatingProfile", """{"TPid":"TP1","RatingProfileID":"L1:cgrates.org:call:1003"}""");
        var oldLoadId = await engine.Api.CallRawAsync("APIerSv1.GetTPRatingProfile",
            """{"TPid":"TP1","RatingProfileID":"CSVLOAD:cgrates.org:call:1003"}"""u8.ToArray());
        var ids = await engine.CallAsync("APIerSv1.GetTPRatingProfileIds", """{"TPid":"TP1"}""");
        var search = await engine.CallAsync("APIerSv1.GetTPRatingProfileIds", """{"TPid":"TP1","Search":"L1"}""");
        var loadIds = await engine.CallAsync("APIerSv1.GetTPRatingProfileLoadIds", """{"TPid":"TP1"}""");
        var subjectLoadIds = await engine.CallAsync("APIerSv1.GetTPRatingProfileLoadIds", """{"TPid":"TP1","Category":"call","Subject":"1003"}""");
        var byLoadId = await engine.CallAsync("APIerSv1.GetTPRatingProfilesByLoadID", """{"TPid":"TP1","LoadId":"L1"}""");
        var before = await engine.TariffCostAsync("1003", "1001", "60s");
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP1"}""");
        var loaded = await engine.TariffCostAsync("1003", "1001", "60s");

        Assert.Equal("""
            {"TPid":"TP1","LoadId":"CSVLOAD","Tenant":"cgrates.org","Category":"call","Subject":"1001","RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_1001","FallbackSubjects":""},{"ActivationTime":"2010-01-14T00:00:00Z","RatingPlanId":"RP_1002","FallbackSubjects":""}]}
            """, imported.GetRawText());
        Assert.Equal("RP_1002", anyLoadId.GetProperty("RatingPlanActivations")[0].GetProperty("RatingPlanId").GetString());
        Assert.Equal("OK", set.GetString());
        Assert.Equal("""
            {"TPid":"TP1","LoadId":"L1","Tenant":"cgrates.org","Category":"call","Subject":"1003","RatingPlanActivations":[{"ActivationTime":"2014-01-14T00:00:00Z","RatingPlanId":"RP_1002","FallbackSubjects":""}]}
            """, changed.GetRawText());
        Assert.Equal("NOT_FOUND", oldLoadId.Error);
        Assert.Equal("""
            ["CSVLOAD:cgrates.com:call:*any","CSVLOAD:cgrates.com:custom_charger:*any","CSVLOAD:cgrates.org:call:1001","CSVLOAD:cgrates.org:call:1002","CSVLOAD:cgrates.org:mms:*any","CSVLOAD:cgrates.org:sms:*any","L1:cgrates.org:call:1003"]
            """, ids.GetRawText());
        Assert.Equal("""["L1:cgrates.org:call:1003"]""", search.GetRawText());
        Assert.Equal("""["CSVLOAD","L1"]""", loadIds.GetRawText());
        Assert.Equal("""["L1"]""", subjectLoadIds.GetRawText());
        Assert.Equal($"[{changed.GetRawText()}]", byLoadId.GetRawText());
        Assert.Equal((0.3m, 0.6m), (before, loaded));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SetTPActions_ImportedGroupsAndSetOnesReadBackAsCgratesShapes()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var actions = await engine.CallAsync("APIerSv1.GetTPActions", """{"TPid":"TP1","ID":"DISABLE_AND_LOG"}""");
        var plan = await engine.CallAsync("APIerSv1.GetTPActionPlan", """{"TPid":"TP1","ID":"AP_PACKAGE_10"}""");
        var triggers = await engine.CallAsync("APIerSv1.GetTPActionTriggers", """{"TPid":"TP1","ID":"STANDARD_TRIGGERS"}""");
        await engine.CallAsync("APIerSv1.SetTPSharedGroups", """
            {"TPid":"TP1","ID":"SG_1","SharedGroups":[{"Account":"*any","Strategy":"*lowest","RatingSubject":""},{"Account":"1001","Strategy":"*highest"}]}
            """);
        var group = await engine.CallAsync("APIerSv1.GetTPSharedGroups", """{"TPid":"TP1","ID":"SG_1"}""");
        await engine.CallAsync("APIerSv1.SetTPActionTriggers", """
            {"TPid":"TP1","ID":"TR_1","ActionTriggers":[{"Id":"ignored","UniqueID":"u1","ThresholdType":"*min_balance","ThresholdValue":2.5,
            "Recurrent":true,"MinSleep":"1m","BalanceType":"*monetary","BalanceWeight":"10","ActionsId":"ACT_LOG_WARNING","Weight":5}]}
            """);
        var trigger = await engine.CallAsync("APIerSv1.GetTPActionTriggers", """{"TPid":"TP1","ID":"TR_1"}""");
        await engine.CallAsync("APIerSv1.SetTPActionTriggers", """{"TPid":"TP1","ID":"TR_EMPTY"}""");
        var empty = await engine.CallAsync("APIerSv1.GetTPActionTriggers", """{"TPid":"TP1","ID":"TR_EMPTY"}""");
        var triggerIds = await engine.CallAsync("APIerSv1.GetTPActionTriggerIds", """{"TPid":"TP1"}""");
        var actionIds = await engine.CallAsync("APIerSv1.GetTPActionIds", """{"TPid":"TP1","Offset":1}""");
        var planIds = await engine.CallAsync("APIerSv1.GetTPActionPlanIds", """{"TPid":"TP1"}""");
        await engine.CallAsync("APIerSv1.RemoveTPSharedGroups", """{"TPid":"TP1","ID":"SG_1"}""");
        await engine.CallAsync("APIerSv1.RemoveTPActions", """{"TPid":"TP1","ID":"DISABLE_AND_LOG"}""");
        var groupIds = await engine.Api.CallRawAsync("APIerSv1.GetTPSharedGroupIds", """{"TPid":"TP1"}"""u8.ToArray());
        var actionsAfter = await engine.CallAsync("APIerSv1.GetTPActionIds", """{"TPid":"TP1"}""");

        Assert.Equal("""
            {"TPid":"TP1","ID":"DISABLE_AND_LOG","Actions":[{"Identifier":"*log","BalanceId":"","BalanceUuid":"","BalanceType":"","Units":"","ExpiryTime":"","Filters":"","TimingTags":"","DestinationIds":"","RatingSubject":"","Categories":"","SharedGroups":"","BalanceWeight":"","ExtraParameters":"","BalanceBlocker":"false","BalanceDisabled":"false","Weight":10},{"Identifier":"*disable_account","BalanceId":"","BalanceUuid":"","BalanceType":"","Units":"","ExpiryTime":"","Filters":"","TimingTags":"","DestinationIds":"","RatingSubject":"","Categories":"","SharedGroups":"","BalanceWeight":"","ExtraParameters":"","BalanceBlocker":"false","BalanceDisabled":"false","Weight":10}]}
            """, actions.GetRawText());
        Assert.Equal("""{"TPid":"TP1","ID":"AP_PACKAGE_10","ActionPlan":[{"ActionsId":"ACT_TOPUP_RST_10","TimingId":"*asap","Weight":10}]}""",
            plan.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","ID":"STANDARD_TRIGGERS","ActionTriggers":[{"Id":"STANDARD_TRIGGERS","UniqueID":"","ThresholdType":"*max_balance","ThresholdValue":20,"Recurrent":false,"MinSleep":"0","ExpirationDate":"","ActivationDate":"","BalanceId":"","BalanceType":"*monetary","BalanceDestinationIds":"","BalanceWeight":"","BalanceExpirationDate":"","BalanceTimingTags":"","BalanceRatingSubject":"","BalanceCategories":"","BalanceSharedGroups":"","BalanceBlocker":"","BalanceDisabled":"","ActionsId":"ACT_LOG_WARNING","Weight":10},{"Id":"STANDARD_TRIGGERS","UniqueID":"","ThresholdType":"*max_balance","ThresholdValue":100,"Recurrent":false,"MinSleep":"0","ExpirationDate":"","ActivationDate":"","BalanceId":"","BalanceType":"*monetary","BalanceDestinationIds":"","BalanceWeight":"","BalanceExpirationDate":"","BalanceTimingTags":"","BalanceRatingSubject":"","BalanceCategories":"","BalanceSharedGroups":"","BalanceBlocker":"","BalanceDisabled":"","ActionsId":"DISABLE_AND_LOG","Weight":10}]}
            """, triggers.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","ID":"SG_1","SharedGroups":[{"Account":"*any","Strategy":"*lowest","RatingSubject":""},{"Account":"1001","Strategy":"*highest","RatingSubject":""}]}
            """, group.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","ID":"TR_1","ActionTriggers":[{"Id":"TR_1","UniqueID":"u1","ThresholdType":"*min_balance","ThresholdValue":2.5,"Recurrent":true,"MinSleep":"1m","ExpirationDate":"","ActivationDate":"","BalanceId":"","BalanceType":"*monetary","BalanceDestinationIds":"","BalanceWeight":"10","BalanceExpirationDate":"","BalanceTimingTags":"","BalanceRatingSubject":"","BalanceCategories":"","BalanceSharedGroups":"","BalanceBlocker":"","BalanceDisabled":"","ActionsId":"ACT_LOG_WARNING","Weight":5}]}
            """, trigger.GetRawText());
        Assert.Equal("TR_EMPTY", empty.GetProperty("ActionTriggers")[0].GetProperty("Id").GetString());
        Assert.Equal("", empty.GetProperty("ActionTriggers")[0].GetProperty("ThresholdType").GetString());
        Assert.Equal("""["STANDARD_TRIGGERS","TR_1","TR_EMPTY"]""", triggerIds.GetRawText());
        Assert.Equal("""["ACT_TOPUP_RST_10","DISABLE_AND_LOG"]""", actionIds.GetRawText());
        Assert.Equal("""["AP_PACKAGE_10"]""", planIds.GetRawText());
        Assert.Equal("NOT_FOUND", groupIds.Error);
        Assert.Equal("""["ACT_LOG_WARNING","ACT_TOPUP_RST_10"]""", actionsAfter.GetRawText());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SetTPAccountActions_NewAccountWithTopupPlan_LoadedFromStorDbWithItsBalance()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        await engine.CallAsync("APIerSv1.SetTPActions", """
            {"TPid":"TP1","ID":"ACT_TOPUP_50","Actions":[{"Identifier":"*topup_reset","BalanceId":"main","BalanceType":"*monetary","Units":"50",
            "ExpiryTime":"*unlimited","DestinationIds":"*any","BalanceWeight":"10","Weight":10}]}
            """);
        await engine.CallAsync("APIerSv1.SetTPActionPlan",
            """{"TPid":"TP1","ID":"AP_50","ActionPlan":[{"ActionsId":"ACT_TOPUP_50","TimingId":"*asap","Weight":10}]}""");
        var set = await engine.CallAsync("APIerSv1.SetTPAccountActions",
            """{"TPid":"TP1","LoadId":"L1","Account":"1005","ActionPlanId":"AP_50","AllowNegative":true}""");
        var account = await engine.CallAsync("APIerSv1.GetTPAccountActions", """{"TPid":"TP1","AccountActionsId":"L1:cgrates.org:1005"}""");
        var imported = await engine.CallAsync("APIerSv1.GetTPAccountActions", """{"TPid":"TP1","AccountActionsId":"CSVLOAD:cgrates.org:1001"}""");
        var ids = await engine.CallAsync("APIerSv1.GetTPAccountActionIds", """{"TPid":"TP1"}""");
        var loadIds = await engine.CallAsync("APIerSv1.GetTPAccountActionLoadIds", """{"TPid":"TP1"}""");
        var byLoadId = await engine.CallAsync("APIerSv1.GetTPAccountActionsByLoadId", """{"TPid":"TP1","LoadId":"L1"}""");
        var before = await engine.Api.CallRawAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1005"}"""u8.ToArray());
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP1"}""");
        var balance = await engine.MonetaryAsync("1005");
        var loaded = await engine.CallAsync("APIerSv2.GetAccount", """{"Tenant":"cgrates.org","Account":"1005"}""");

        Assert.Equal("OK", set.GetString());
        Assert.Equal("""
            {"TPid":"TP1","LoadId":"L1","Tenant":"cgrates.org","Account":"1005","ActionPlanId":"AP_50","ActionTriggersId":"","AllowNegative":true,"Disabled":false}
            """, account.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","LoadId":"CSVLOAD","Tenant":"cgrates.org","Account":"1001","ActionPlanId":"AP_PACKAGE_10","ActionTriggersId":"STANDARD_TRIGGERS","AllowNegative":false,"Disabled":false}
            """, imported.GetRawText());
        Assert.Equal("""["CSVLOAD:cgrates.org:1001","CSVLOAD:cgrates.org:1002","CSVLOAD:cgrates.org:1003","L1:cgrates.org:1005"]""", ids.GetRawText());
        Assert.Equal("""["CSVLOAD","L1"]""", loadIds.GetRawText());
        Assert.Equal($"[{account.GetRawText()}]", byLoadId.GetRawText());
        Assert.NotNull(before.Error);
        Assert.Equal(50m, balance);
        Assert.True(loaded.GetProperty("AllowNegative").GetBoolean());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RemoveTPAccountActions_ByLoadId_OnlyTheGroupOfThatLoadIdAndKeptAcrossRestart()
    {
        await using var engine = await SessionEngine.StartAsync();

        foreach (var account in new[] { "1001", "1002" })
        {
            await engine.CallAsync("APIerSv1.SetTPAccountActions",
                $$"""{"TPid":"TPX","LoadId":"L1","Tenant":"cgrates.net","Account":"{{account}}","ActionPlanId":"AP_1"}""");
        }
        await engine.CallAsync("APIerSv1.SetTPAccountActions", """{"TPid":"TPX","LoadId":"L2","Tenant":"cgrates.net","Account":"1002","ActionPlanId":"AP_2"}""");
        await engine.CallAsync("APIerSv1.RemoveTPAccountActions", """{"TPid":"TPX","AccountActionsId":"L2:cgrates.net:1001"}""");
        var kept = await engine.CallAsync("APIerSv1.GetTPAccountActionIds", """{"TPid":"TPX"}""");
        await engine.CallAsync("APIerSv1.RemoveTPAccountActions", """{"TPid":"TPX","AccountActionsId":"L1:cgrates.net:1001"}""");
        await engine.KillAndRestartAsync();
        var after = await engine.CallAsync("APIerSv1.GetTPAccountActionIds", """{"TPid":"TPX"}""");
        var loadIds = await engine.CallAsync("APIerSv1.GetTPAccountActionLoadIds", """{"TPid":"TPX"}""");
        var replaced = await engine.CallAsync("APIerSv1.GetTPAccountActions", """{"TPid":"TPX","AccountActionsId":"L2:cgrates.net:1002"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetTPAccountActions", """{"TPid":"TPX","AccountActionsId":"L1:cgrates.net:1001"}"""u8.ToArray());
        await engine.CallAsync("APIerSv1.RemoveTPAccountActions", """{"TPid":"TPX","AccountActionsId":"L2:cgrates.net:1002"}""");
        var tpIds = await engine.Api.CallRawAsync("APIerSv1.GetTPIds", "{}"u8.ToArray());

        Assert.Equal("""["L1:cgrates.net:1001","L2:cgrates.net:1002"]""", kept.GetRawText());
        Assert.Equal("""["L2:cgrates.net:1002"]""", after.GetRawText());
        Assert.Equal("""["L2"]""", loadIds.GetRawText());
        Assert.Equal("AP_2", replaced.GetProperty("ActionPlanId").GetString());
        Assert.Equal("NOT_FOUND", gone.Error);
        Assert.Equal("NOT_FOUND", tpIds.Error);
    }

    [Fact]
    public async Task SetTPActionPlan_MissingFields_NamedAsCgratesNamesThem()
    {
        await using var engine = await SessionEngine.StartAsync();

        var plan = await engine.Api.CallRawAsync("APIerSv1.SetTPActionPlan", """{"TPid":"TPX"}"""u8.ToArray());
        var timing = await engine.Api.CallRawAsync("APIerSv1.SetTPActionPlan",
            """{"TPid":"TPX","ID":"AP_1","ActionPlan":[{"ActionsId":"ACT_1","TimingId":"*asap"},{"ActionsId":"ACT_2","Weight":10}]}"""u8.ToArray());
        var profile = await engine.Api.CallRawAsync("APIerSv1.SetTPRatingProfile", """{"TPid":"TPX","Subject":"1001"}"""u8.ToArray());
        var account = await engine.Api.CallRawAsync("APIerSv1.SetTPAccountActions", """{"TPid":"TPX","LoadId":"L1"}"""u8.ToArray());
        var noId = await engine.Api.CallRawAsync("APIerSv1.GetTPAccountActions", """{"TPid":"TPX"}"""u8.ToArray());
        var wrongId = await engine.Api.CallRawAsync("APIerSv1.GetTPRatingProfile",
            """{"TPid":"TPX","RatingProfileID":"cgrates.org:call:1001"}"""u8.ToArray());
        var wrongAccountId = await engine.Api.CallRawAsync("APIerSv1.RemoveTPAccountActions",
            """{"TPid":"TPX","AccountActionsId":"cgrates.org:1001"}"""u8.ToArray());
        var bySubject = await engine.Api.CallRawAsync("APIerSv1.GetTPRatingProfilesByLoadID",
            """{"TPid":"TPX","LoadId":"L1","Subject":"1001"}"""u8.ToArray());
        var rates = await engine.Api.CallRawAsync("APIerSv1.SetTPDestinationRate", """{"ID":"DR_1","DestinationRates":[]}"""u8.ToArray());
        var notStored = await engine.Api.CallRawAsync("APIerSv1.GetTPActionPlanIds", """{"TPid":"TPX"}"""u8.ToArray());

        Assert.Equal("MANDATORY_IE_MISSING: [ID ActionPlan]", plan.Error);
        Assert.Equal("MANDATORY_IE_MISSING:Action:ACT_2:[TimingId]", timing.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [LoadId Category RatingPlanActivations]", profile.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [Account ActionPlanId]", account.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [AccountActionsId]", noId.Error);
        Assert.Equal("Wrong TPRatingProfileId: cgrates.org:call:1001", wrongId.Error);
        Assert.Equal("Wrong TP Account Action Id: cgrates.org:1001", wrongAccountId.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [Category]", bySubject.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid DestinationRates]", rates.Error);
        Assert.Equal("NOT_FOUND", notStored.Error);
    }
}
