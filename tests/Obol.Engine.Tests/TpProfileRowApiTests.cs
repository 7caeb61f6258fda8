using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1's StorDB row methods of the profile tables (filters, resources, stats, thresholds, routes,
/// attributes, chargers): the shapes CGRateS merges their rows into, their "tenant:id" keys, and what
/// LoadTariffPlanFromStorDb makes of their changes.</summary>
public sealed class TpProfileRowApiTests
{
    private const string TutorialActivation = """{"ActivationTime":"2014-07-29T15:00:00Z","ExpiryTime":""}""";

    [Fact]
    public async Task GetTPProfiles_ImportedTutorial_RowsMergedAsCgratesMergesThem()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var filter = await engine.CallAsync("APIerSv1.GetTPFilterProfile", """{"TPid":"TP1","ID":"FLTR_ACNT_1001_1002"}""");
        var resource = await engine.CallAsync("APIerSv1.GetTPResource", """{"TPid":"TP1","Tenant":"cgrates.org","ID":"ResGroup1"}""");
        var stat = await engine.CallAsync("APIerSv1.GetTPStat", """{"TPid":"TP1","ID":"STATS_FRAUD_1001"}""");
        var statMetrics = await engine.CallAsync("APIerSv1.GetTPStat", """{"TPid":"TP1","ID":"Stats2"}""");
        var threshold = await engine.CallAsync("APIerSv1.GetTPThreshold", """{"TPid":"TP1","ID":"THD_ACNT_1001"}""");
        var route = await engine.CallAsync("APIerSv1.GetTPRouteProfile", """{"TPid":"TP1","ID":"ROUTE_ACNT_1003"}""");
        var routeWeight = await engine.CallAsync("APIerSv1.GetTPRouteProfile", """{"TPid":"TP1","ID":"ROUTE_ACNT_1001"}""");
        var attribute = await engine.CallAsync("APIerSv1.GetTPAttributeProfile", """{"TPid":"TP1","ID":"ATTR_1001_SESSIONAUTH"}""");
        var otherTenant = await engine.CallAsync("APIerSv1.GetTPAttributeProfile", """{"TPid":"TP1","Tenant":"cgrates.com","ID":"ATTR_TNT_1001"}""");
        var wrongTenant = await engine.Api.CallRawAsync("APIerSv1.GetTPAttributeProfile", """{"TPid":"TP1","ID":"ATTR_TNT_1001"}"""u8.ToArray());
        var charger = await engine.CallAsync("APIerSv1.GetTPCharger", """{"TPid":"TP1","ID":"Raw"}""");

        Assert.Equal($$"""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"FLTR_ACNT_1001_1002","Filters":[{"Type":"*string","Element":"~*req.Account","Values":["1001","1002"]},{"Type":"*string","Element":"~*req.RunID","Values":["*default"]},{"Type":"*string","Element":"~*req.Destination","Values":["1001","1002","1003"]}],"ActivationInterval":{{TutorialActivation}}}
            """, filter.GetRawText());
        Assert.Equal($$"""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"ResGroup1","FilterIDs":["FLTR_RES"],"ActivationInterval":{{TutorialActivation}},"UsageTTL":"-1","Limit":"7","AllocationMessage":"","Blocker":false,"Stored":true,"Weight":10,"ThresholdIDs":["*none"]}
            """, resource.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"STATS_FRAUD_1001","FilterIDs":["*string:~*req.Account:1001","*string:~*req.RunID:*default"],"ActivationInterval":null,"QueueLength":10,"TTL":"1h","Metrics":[{"FilterIDs":null,"MetricID":"*acc"}],"Blocker":false,"Stored":true,"Weight":40,"MinItems":3,"ThresholdIDs":["THD_FRAUD"]}
            """, stat.GetRawText());
        Assert.Equal("""[{"FilterIDs":null,"MetricID":"*tcc"},{"FilterIDs":null,"MetricID":"*tcd"}]""", statMetrics.GetProperty("Metrics").GetRawText());
        Assert.Equal($$"""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"THD_ACNT_1001","FilterIDs":["FLTR_ACNT_1001"],"ActivationInterval":{{TutorialActivation}},"MaxHits":1,"MinHits":1,"MinSleep":"1s","Blocker":false,"Weight":10,"ActionIDs":["ACT_LOG_WARNING"],"EeIDs":null,"Async":true}
            """, threshold.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"ROUTE_ACNT_1003","FilterIDs":["FLTR_ACNT_1003"],"ActivationInterval":{"ActivationTime":"2017-11-27T00:00:00Z","ExpiryTime":""},"Sorting":"*qos","SortingParameters":["*tcc","*tcd"],"Routes":[{"ID":"route1","FilterIDs":null,"AccountIDs":null,"RatingPlanIDs":null,"ResourceIDs":null,"StatIDs":["Stats2"],"Weight":10,"Blocker":false,"RouteParameters":""},{"ID":"route2","FilterIDs":null,"AccountIDs":null,"RatingPlanIDs":null,"ResourceIDs":null,"StatIDs":["Stats2_1"],"Weight":20,"Blocker":false,"RouteParameters":""}],"Weight":10}
            """, route.GetRawText());
        // The route rows' Weight column is the profile's too: the last non-zero one wins, as in CGRateS.
        Assert.Equal(20m, routeWeight.GetProperty("Weight").GetDecimal());
        Assert.Equal("""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"ATTR_1001_SESSIONAUTH","FilterIDs":["*string:~*req.Account:1001"],"ActivationInterval":null,"Contexts":["*sessions"],"Attributes":[{"FilterIDs":[],"Path":"*req.Password","Type":"*constant","Value":"CGRateS.org"},{"FilterIDs":[],"Path":"*req.RequestType","Type":"*constant","Value":"*prepaid"},{"FilterIDs":[],"Path":"*req.PaypalAccount","Type":"*constant","Value":"cgrates@paypal.com"},{"FilterIDs":[],"Path":"*req.LCRProfile","Type":"*constant","Value":"premium_cli"}],"Blocker":false,"Weight":10}
            """, attribute.GetRawText());
        Assert.Equal("""
            {"TPid":"TP1","Tenant":"cgrates.com","ID":"ATTR_TNT_1001","FilterIDs":["*string:~*req.Account:1001"],"ActivationInterval":null,"Contexts":["*any"],"Attributes":[{"FilterIDs":[],"Path":"*tenant","Type":"*constant","Value":"cgrates.org"}],"Blocker":false,"Weight":0}
            """, otherTenant.GetRawText());
        Assert.Equal("NOT_FOUND", wrongTenant.Error);
        Assert.Equal("""
            {"TPid":"TP1","Tenant":"cgrates.org","ID":"Raw","FilterIDs":null,"ActivationInterval":null,"RunID":"*raw","AttributeIDs":["*constant:*req.RequestType:*none"],"Weight":0}
            """, charger.GetRawText());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task GetTPProfileIds_ImportedTutorial_TenantAndIdPairsSearchedAndPaged()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        var chargers = await engine.CallAsync("APIerSv1.GetTPChargerIDs", """{"TPid":"TP1"}""");
        var thresholds = await engine.CallAsync("APIerSv1.GetTPThresholdIDs", """{"TPid":"TP1"}""");
        var resources = await engine.CallAsync("APIerSv1.GetTPResourceIDs", """{"TPid":"TP1"}""");
        var otherTenant = await engine.CallAsync("APIerSv1.GetTPAttributeProfileIds", """{"TPid":"TP1","Search":"cgrates.com"}""");
        var routes = await engine.CallAsync("APIerSv1.GetTPRouteProfileIDs", """{"TPid":"TP1","Limit":1,"Offset":2}""");
        var stats = await engine.CallAsync("APIerSv1.GetTPStatIDs", """{"TPid":"TP1","Search":"FRAUD"}""");
        var filters = await engine.CallAsync("APIerSv1.GetTPFilterProfileIds", """{"TPid":"TP1","Search":"FLTR_DST"}""");

        Assert.Equal("""["cgrates.org:DEFAULT","cgrates.org:Raw"]""", chargers.GetRawText());
        Assert.Equal("""["cgrates.org:THD_ACNT_1001","cgrates.org:THD_ACNT_1002","cgrates.org:THD_FRAUD"]""", thresholds.GetRawText());
        Assert.Equal("""["cgrates.org:ResGroup1"]""", resources.GetRawText());
        Assert.Equal("""["cgrates.com:ATTR_ACC_EMULATE_TERMINATE","cgrates.com:ATTR_TNT_1001","cgrates.com:ATTR_TNT_ALIAS","cgrates.com:ATTR_TNT_DISC"]""",
            otherTenant.GetRawText());
        Assert.Equal("""["cgrates.org:ROUTE_ACNT_1003"]""", routes.GetRawText());
        Assert.Equal("""["cgrates.org:STATS_FRAUD_1001","cgrates.org:STATS_FRAUD_1002","cgrates.org:STATS_FRAUD_1003"]""", stats.GetRawText());
        Assert.Equal("""["cgrates.org:FLTR_DST_FS"]""", filters.GetRawText());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SetTPProfile_EveryTableWithoutTenant_ReadBackUnderDefaultTenant()
    {
        await using var engine = await SessionEngine.StartAsync();

        var replies = new List<string>();
        async Task RoundTrip(string set, string get, string body)
        {
            replies.Add((await engine.CallAsync("APIerSv1." + set, """{"TPid":"TPX","ID":"P1",""" + body + "}")).GetString()!);
            replies.Add((await engine.CallAsync("APIerSv1." + get, """{"TPid":"TPX","ID":"P1"}""")).GetRawText());
        }
        // A value's <...> dynamic part keeps its ';' when the joined Values field is split back (Go's JSON escapes <>).
        await RoundTrip("SetTPFilterProfile", "GetTPFilterProfile", """
            "Filters":[{"Type":"*string","Element":"~*req.Account","Values":["1001","1002"]},{"Type":"*prefix","Element":"~*req.Destination","Values":["49"]},{"Type":"*string","Element":"~*req.Subject","Values":["1001<~*req.Suffix;x>","1002"]}],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":"2025-01-01T00:00:00Z"}
            """);
        await RoundTrip("SetTPResource", "GetTPResource", """
            "FilterIDs":["FLTR_A","FLTR_B"],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":""},"UsageTTL":"1m","Limit":"2","AllocationMessage":"granted","Blocker":true,"Stored":true,"Weight":20.5,"ThresholdIDs":["TH_1","TH_2"]
            """);
        await RoundTrip("SetTPStat", "GetTPStat", """
            "FilterIDs":["FLTR_A"],"QueueLength":50,"TTL":"30m","Metrics":[{"FilterIDs":["FLTR_M"],"MetricID":"*asr"},{"MetricID":"*acd"}],"Stored":true,"Weight":5,"MinItems":2,"ThresholdIDs":["*none"]
            """);
        await RoundTrip("SetTPThreshold", "GetTPThreshold", """
            "FilterIDs":["FLTR_A"],"MaxHits":-1,"MinHits":2,"MinSleep":"5s","Blocker":true,"Weight":15,"ActionIDs":["ACT_1","ACT_2"],"EeIDs":["EE_1"],"Async":true
            """);
        await RoundTrip("SetTPRouteProfile", "GetTPRouteProfile", """
            "FilterIDs":["FLTR_A"],"Sorting":"*lc","SortingParameters":["p1"],"Routes":[{"ID":"r1","FilterIDs":["FLTR_R"],"AccountIDs":["acc1"],"RatingPlanIDs":["RP_1","RP_2"],"ResourceIDs":["RES_1"],"StatIDs":["ST_1"],"Weight":10,"Blocker":true,"RouteParameters":"gw1"},{"ID":"r2","RatingPlanIDs":["RP_3"],"Weight":20}],"Weight":30
            """);
        await RoundTrip("SetTPAttributeProfile", "GetTPAttributeProfile", """
            "FilterIDs":["*string:~*req.Account:1001"],"Contexts":["*sessions","*cdrs"],"Attributes":[{"FilterIDs":["FLTR_X"],"Path":"*req.Subject","Type":"*constant","Value":"1002"},{"Path":"*req.Category","Type":"*constant","Value":"premium"}],"Blocker":true,"Weight":10
            """);
        await RoundTrip("SetTPCharger", "GetTPCharger", """
            "FilterIDs":["FLTR_A","FLTR_B"],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":"2025-01-01T00:00:00Z"},"RunID":"run1","AttributeIDs":["ATTR_1","*constant:*req.RequestType:*prepaid"],"Weight":10
            """);

        Assert.Equal(["OK", "OK", "OK", "OK", "OK", "OK", "OK"], replies.Where((_, i) => i % 2 == 0));
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","Filters":[{"Type":"*string","Element":"~*req.Account","Values":["1001","1002"]},{"Type":"*prefix","Element":"~*req.Destination","Values":["49"]},{"Type":"*string","Element":"~*req.Subject","Values":["1001\u003c~*req.Suffix;x\u003e","1002"]}],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":"2025-01-01T00:00:00Z"}}
            """, replies[1]);
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","FilterIDs":["FLTR_A","FLTR_B"],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":""},"UsageTTL":"1m","Limit":"2","AllocationMessage":"granted","Blocker":true,"Stored":true,"Weight":20.5,"ThresholdIDs":["TH_1","TH_2"]}
            """, replies[3]);
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","FilterIDs":["FLTR_A"],"ActivationInterval":null,"QueueLength":50,"TTL":"30m","Metrics":[{"FilterIDs":["FLTR_M"],"MetricID":"*asr"},{"FilterIDs":null,"MetricID":"*acd"}],"Blocker":false,"Stored":true,"Weight":5,"MinItems":2,"ThresholdIDs":["*none"]}
            """, replies[5]);
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","FilterIDs":["FLTR_A"],"ActivationInterval":null,"MaxHits":-1,"MinHits":2,"MinSleep":"5s","Blocker":true,"Weight":15,"ActionIDs":["ACT_1","ACT_2"],"EeIDs":["EE_1"],"Async":true}
            """, replies[7]);
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","FilterIDs":["FLTR_A"],"ActivationInterval":null,"Sorting":"*lc","SortingParameters":["p1"],"Routes":[{"ID":"r1","FilterIDs":["FLTR_R"],"AccountIDs":["acc1"],"RatingPlanIDs":["RP_1","RP_2"],"ResourceIDs":["RES_1"],"StatIDs":["ST_1"],"Weight":10,"Blocker":true,"RouteParameters":"gw1"},{"ID":"r2","FilterIDs":null,"AccountIDs":null,"RatingPlanIDs":["RP_3"],"ResourceIDs":null,"StatIDs":null,"Weight":20,"Blocker":false,"RouteParameters":""}],"Weight":30}
            """, replies[9]);
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","FilterIDs":["*string:~*req.Account:1001"],"ActivationInterval":null,"Contexts":["*sessions","*cdrs"],"Attributes":[{"FilterIDs":["FLTR_X"],"Path":"*req.Subject","Type":"*constant","Value":"1002"},{"FilterIDs":[],"Path":"*req.Category","Type":"*constant","Value":"premium"}],"Blocker":true,"Weight":10}
            """, replies[11]);
        Assert.Equal("""
            {"TPid":"TPX","Tenant":"cgrates.org","ID":"P1","FilterIDs":["FLTR_A","FLTR_B"],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":"2025-01-01T00:00:00Z"},"RunID":"run1","AttributeIDs":["ATTR_1","*constant:*req.RequestType:*prepaid"],"Weight":10}
            """, replies[13]);
    }

    [Fact]
    public async Task RemoveTPStat_TwoTenants_OnlyNamedTenantRemovedAndKeptAcrossRestart()
    {
        await using var engine = await SessionEngine.StartAsync();

        foreach (var tenant in new[] { "cgrates.org", "other.org" })
        {
            await engine.CallAsync("APIerSv1.SetTPStat",
                $$"""{"TPid":"TPX","Tenant":"{{tenant}}","ID":"ST_1","QueueLength":10,"Metrics":[{"MetricID":"*tcc"}],"Weight":{{(tenant == "cgrates.org" ? 1 : 2)}}}""");
        }
        await engine.CallAsync("APIerSv1.SetTPStat", """{"TPid":"TPX","ID":"ST_2","Metrics":[{"MetricID":"*tcd"}]}""");
        var ids = await engine.CallAsync("APIerSv1.GetTPStatIDs", """{"TPid":"TPX"}""");
        var other = await engine.CallAsync("APIerSv1.GetTPStat", """{"TPid":"TPX","Tenant":"other.org","ID":"ST_1"}""");
        var removed = await engine.CallAsync("APIerSv1.RemoveTPStat", """{"TPid":"TPX","ID":"ST_1"}""");
        await engine.KillAndRestartAsync();
        var after = await engine.CallAsync("APIerSv1.GetTPStatIDs", """{"TPid":"TPX"}""");
        var gone = await engine.Api.CallRawAsync("APIerSv1.GetTPStat", """{"TPid":"TPX","Tenant":"cgrates.org","ID":"ST_1"}"""u8.ToArray());
        var kept = await engine.CallAsync("APIerSv1.GetTPStat", """{"TPid":"TPX","Tenant":"other.org","ID":"ST_1"}""");

        Assert.Equal("""["cgrates.org:ST_1","cgrates.org:ST_2","other.org:ST_1"]""", ids.GetRawText());
        Assert.Equal(2m, other.GetProperty("Weight").GetDecimal());
        Assert.Equal("OK", removed.GetString());
        Assert.Equal("""["cgrates.org:ST_2","other.org:ST_1"]""", after.GetRawText());
        Assert.Equal("NOT_FOUND", gone.Error);
        Assert.Equal(other.GetRawText(), kept.GetRawText());
    }

    [Fact]
    public async Task SetTPProfile_MissingFieldsOrNoRows_AnsweredAsCgratesAnswers()
    {
        await using var engine = await SessionEngine.StartAsync();

        var noLimit = await engine.Api.CallRawAsync("APIerSv1.SetTPResource", """{"TPid":"TPX","ID":"RES_1"}"""u8.ToArray());
        var empty = await engine.Api.CallRawAsync("APIerSv1.SetTPAttributeProfile", "{}"u8.ToArray());
        var noId = await engine.Api.CallRawAsync("APIerSv1.GetTPCharger", """{"TPid":"TPX"}"""u8.ToArray());
        var removeNoKey = await engine.Api.CallRawAsync("APIerSv1.RemoveTPFilterProfile", """{"Tenant":"cgrates.org"}"""u8.ToArray());
        var idsNoTp = await engine.Api.CallRawAsync("APIerSv1.GetTPRouteProfileIDs", "{}"u8.ToArray());
        // APItoModelTPThreshold writes no row for a profile without ActionIDs, nor APItoModelStats one without Metrics.
        var noActions = await engine.CallAsync("APIerSv1.SetTPThreshold", """{"TPid":"TPX","ID":"TH_1","FilterIDs":["FLTR_A"],"Weight":10}""");
        var thresholdGone = await engine.Api.CallRawAsync("APIerSv1.GetTPThreshold", """{"TPid":"TPX","ID":"TH_1"}"""u8.ToArray());
        await engine.CallAsync("APIerSv1.SetTPStat", """{"TPid":"TPX","ID":"ST_1","QueueLength":10}""");
        var statGone = await engine.Api.CallRawAsync("APIerSv1.GetTPStat", """{"TPid":"TPX","ID":"ST_1"}"""u8.ToArray());

        Assert.Equal("MANDATORY_IE_MISSING: [Limit]", noLimit.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid ID]", empty.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [ID]", noId.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid ID]", removeNoKey.Error);
        Assert.Equal("MANDATORY_IE_MISSING: [TPid]", idsNoTp.Error);
        Assert.Equal("OK", noActions.GetString());
        Assert.Equal("NOT_FOUND", thresholdGone.Error);
        Assert.Equal("NOT_FOUND", statGone.Error);
    }

    [Fact]
    public async Task SetTPAttributeProfile_OnImportedPlan_AppliedOnlyOnceLoadedFromStorDb()
    {
        var folder = TariffPlanImportTests.CopyTutorial(rates => rates);
        await using var engine = await SessionEngine.StartAsync();
        await engine.CallAsync("APIerSv1.ImportTariffPlanFromFolder", $$"""{"TPid":"TP1","FolderPath":{{JsonSerializer.Serialize(folder)}}}""");

        await engine.CallAsync("APIerSv1.SetTPAttributeProfile", """
            {"TPid":"TP1","ID":"ATTR_1001_SIMPLEAUTH","Contexts":["simpleauth"],"FilterIDs":["*string:~*req.Account:1001"],
             "Attributes":[{"Path":"*req.Password","Type":"*constant","Value":"Changed.org"}],"Weight":20}
            """);
        await engine.CallAsync("APIerSv1.SetTPCharger", """{"TPid":"TP1","ID":"CHRG_STORDB","RunID":"*stordb","AttributeIDs":["*none"],"Weight":5}""");
        var before = await PasswordAsync(engine);
        var noCharger = await engine.Api.CallRawAsync("APIerSv1.GetChargerProfile", """{"Tenant":"cgrates.org","ID":"CHRG_STORDB"}"""u8.ToArray());
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromStorDb", """{"TPid":"TP1"}""");
        var after = await PasswordAsync(engine);
        var profile = await engine.CallAsync("APIerSv1.GetAttributeProfile", """{"Tenant":"cgrates.org","ID":"ATTR_1001_SIMPLEAUTH"}""");
        var charger = await engine.CallAsync("APIerSv1.GetChargerProfile", """{"Tenant":"cgrates.org","ID":"CHRG_STORDB"}""");

        Assert.Equal("CGRateS.org", before);
        Assert.Equal("NOT_FOUND", noCharger.Error);
        Assert.Equal("Changed.org", after);
        Assert.Equal("""[{"Rules":"Changed.org"}]""", profile.GetProperty("Attributes")[0].GetProperty("Value").GetRawText());
        Assert.Equal(("*stordb", 5m), (charger.GetProperty("RunID").GetString(), charger.GetProperty("Weight").GetDecimal()));
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string?> PasswordAsync(SessionEngine engine)
    {
        var reply = await engine.CallAsync("AttributeSv1.ProcessEvent",
            """{"Tenant":"cgrates.org","ID":"ev-auth","Event":{"Account":"1001"},"APIOpts":{"*context":"simpleauth"}}""");
        return reply.GetProperty("Event").GetProperty("Password").GetString();
    }
}
