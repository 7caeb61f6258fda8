using Obol.Primitives;
using Xunit;

namespace Obol.TariffPlans.Tests;

public sealed class ProfileFileTests
{
    [Fact]
    public void Filters_TutorialRowsOfOneId_AreAndedRulesOfOneFilter()
    {
        var filter = TestPlans.ReadReference("tutorial").Plan.Filters.Single(f => f.Id == "FLTR_ACNT_1001_1002");

        Assert.Equal(new SourceLocation("Filters.csv", 5), filter.Location);
        Assert.Equal("cgrates.org", filter.Tenant);
        Assert.Equal(new TpActivationInterval("2014-07-29T15:00:00Z", ""), filter.ActivationInterval);
        Assert.Equal(3, filter.Rules.Count);
        AssertRule(filter.Rules[0], "*string", "~*req.Account", "1001", "1002");
        AssertRule(filter.Rules[1], "*string", "~*req.RunID", "*default");
        AssertRule(filter.Rules[2], "*string", "~*req.Destination", "1001", "1002", "1003");
    }

    [Fact]
    public void Filters_RowsRepeatingTypeAndElement_AddValuesToOneRule()
    {
        var result = TestPlans.ReadTexts(("Filters.csv", """
            cgrates.org,F1,*string,~*req.Account,1001,
            cgrates.org,F1,*prefix,~*req.Destination,10,
            cgrates.org,F1,*string,~*req.Account,1002;1003,2020-01-01T00:00:00Z;2021-01-01T00:00:00Z
            """));

        var filter = Assert.Single(result.Plan.Filters);
        Assert.Empty(result.Errors);
        Assert.Equal(2, filter.Rules.Count);
        AssertRule(filter.Rules[0], "*string", "~*req.Account", "1001", "1002", "1003");
        AssertRule(filter.Rules[1], "*prefix", "~*req.Destination", "10");
        Assert.Equal(new TpActivationInterval("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"), filter.ActivationInterval);
    }

    [Fact]
    public void Filters_DynamicValues_KeepSemicolonsInsideAngleBrackets()
    {
        var result = TestPlans.ReadTexts(("Filters.csv", "cgrates.org,F1,*string,~*req.Account,1001;<~*req.A;x>;1002,\n"));

        AssertRule(Assert.Single(result.Plan.Filters).Rules[0], "*string", "~*req.Account", "1001", "<~*req.A;x>", "1002");
    }

    [Fact]
    public void Filters_CloseBeforeOpenAngle_ReadAsPlainValues()
    {
        // CGRateS panics on this value; here it is plain text split on ';'.
        var result = TestPlans.ReadTexts(("Filters.csv", "cgrates.org,F1,*string,~*req.Account,a>b<c;d,\n"));

        AssertRule(Assert.Single(result.Plan.Filters).Rules[0], "*string", "~*req.Account", "a>b<c", "d");
    }

    [Fact]
    public void Attributes_TutorialSessionAuth_MergesContinuationRowsIntoAttributes()
    {
        var profile = TestPlans.ReadReference("tutorial").Plan.Attributes.Single(a => a.Id == "ATTR_1001_SESSIONAUTH");

        Assert.Equal(new SourceLocation("Attributes.csv", 8), profile.Location);
        Assert.Equal(["*sessions"], profile.Contexts);
        Assert.Equal(["*string:~*req.Account:1001"], profile.FilterIds);
        Assert.Null(profile.ActivationInterval);
        Assert.False(profile.Blocker);
        Assert.Equal(10m, profile.Weight);
        Assert.Equal(
            [
                ("*req.Password", "CGRateS.org"), ("*req.RequestType", "*prepaid"),
                ("*req.PaypalAccount", "cgrates@paypal.com"), ("*req.LCRProfile", "premium_cli"),
            ],
            profile.Attributes.Select(a => (a.Path, a.Value)));
        Assert.All(profile.Attributes, a => Assert.Equal("*constant", a.Type));
        Assert.Equal(new SourceLocation("Attributes.csv", 9), profile.Attributes[0].Location);
    }

    [Fact]
    public void Attributes_QuotedValueAndSingleRowProfile_AreRead()
    {
        var attributes = TestPlans.ReadReference("tutorial").Plan.Attributes;
        var session1002 = attributes.Single(a => a.Id == "ATTR_1002_SESSIONAUTH");
        var simple = attributes.Single(a => a.Id == "ATTR_1001_SIMPLEAUTH");
        var tenantRewrite = attributes.Single(a => a.Id == "ATTR_TNT_ALIAS");

        Assert.Equal(("ResourceAllocation", "ResGroup1"), (session1002.Attributes[4].Path, session1002.Attributes[4].Value));
        Assert.Equal(["simpleauth"], simple.Contexts);
        Assert.Equal(20m, simple.Weight);
        Assert.Equal("*req.Password", Assert.Single(simple.Attributes).Path);
        Assert.Equal("cgrates.com", tenantRewrite.Tenant);
        Assert.Equal("*tenant", tenantRewrite.Attributes[^1].Path);
    }

    [Fact]
    public void Attributes_ProfileWithoutPath_HasNoAttributes()
    {
        var profile = TestPlans.ReadReference("oldtutorial").Plan.Attributes.Single(a => a.Id == "ATTR_RAD");

        Assert.Empty(profile.Attributes);
        Assert.Equal(["*string:~*req.RadUserName:10011", "*string:~*req.RadPassword:CGRateSPassword3"], profile.FilterIds);
    }

    [Fact]
    public void Attributes_AttributeFilterIds_BelongToTheirAttribute()
    {
        var profile = Assert.Single(TestPlans.ReadReference("testtp").Plan.Attributes);

        Assert.Equal(["con1"], profile.Contexts);
        Assert.Equal(["FLTR_1"], profile.FilterIds);
        Assert.Equal(["*string:~*req.Field1:Initial1"], profile.Attributes[0].FilterIds);
        Assert.Equal(["*string:~*req.Field1:Initial2"], profile.Attributes[1].FilterIds);
    }

    [Fact]
    public void Chargers_Tutorial_ReadRunIdsAndInlineAttributes()
    {
        var chargers = TestPlans.ReadReference("tutorial").Plan.Chargers;

        Assert.Equal(("DEFAULT", "*default"), (chargers[0].Id, chargers[0].RunId));
        Assert.Equal(["*none"], chargers[0].AttributeIds);
        Assert.Equal(("Raw", "*raw"), (chargers[1].Id, chargers[1].RunId));
        Assert.Equal(["*constant:*req.RequestType:*none"], chargers[1].AttributeIds);
        Assert.Empty(chargers[0].FilterIds);
        Assert.Equal(0m, chargers[0].Weight);
    }

    [Fact]
    public void Chargers_ConsecutiveInlineAttributes_AreJoinedLikeCGRates()
    {
        var result = TestPlans.ReadTexts(("Chargers.csv", """
            cgrates.org,C1,,,*default,ATTR_A;*constant:*req.X:1;*constant:*req.Y:2;ATTR_B,5
            cgrates.org,C1,FLTR_X,,,ATTR_C,
            """), ("Filters.csv", "cgrates.org,FLTR_X,*string,~*req.Account,1001,\n"));

        var charger = result.Plan.Chargers[0];
        Assert.Equal(["ATTR_A", "*constant:*req.X:1;*constant:*req.Y:2", "ATTR_B", "ATTR_C"], charger.AttributeIds);
        Assert.Equal("*default", charger.RunId);
        Assert.Equal(["FLTR_X"], charger.FilterIds);
        Assert.Equal(5m, charger.Weight);
    }

    [Fact]
    public void Routes_TutorialWeightRoutes_MergeRowsIntoOneProfile()
    {
        var profile = TestPlans.ReadReference("tutorial").Plan.Routes.Single(r => r.Id == "ROUTE_ACNT_1001");

        Assert.Equal(new SourceLocation("Routes.csv", 3), profile.Location);
        Assert.Equal(["FLTR_ACNT_1001"], profile.FilterIds);
        Assert.Equal(new TpActivationInterval("2017-11-27T00:00:00Z", ""), profile.ActivationInterval);
        Assert.Equal("*weight", profile.Sorting);
        Assert.Equal([("route1", 10m), ("route2", 20m)], profile.Routes.Select(r => (r.Id, r.Weight)));
        // CGRateS quirk: the route rows also fill the profile Weight column (10, then 20) and a non-zero Weight of a
        // later row replaces the profile's, so the profile ends up with 20.
        Assert.Equal(20m, profile.Weight);
    }

    [Fact]
    public void Routes_TutorialLeastCostAndQos_ReadRatingPlansStatsAndSortingParameters()
    {
        var routes = TestPlans.ReadReference("tutorial").Plan.Routes;
        var leastCost = routes.Single(r => r.Id == "ROUTE_ACNT_1002");
        var qos = routes.Single(r => r.Id == "ROUTE_ACNT_1003");

        Assert.Equal("*lc", leastCost.Sorting);
        Assert.Equal(10m, leastCost.Weight);
        Assert.Equal(["RP_1002_LOW"], leastCost.Routes[0].RatingPlanIds);
        Assert.Equal(["RP_1002"], leastCost.Routes[1].RatingPlanIds);
        Assert.Equal(new SourceLocation("Routes.csv", 8), leastCost.Routes[0].Location);
        Assert.Equal("*qos", qos.Sorting);
        Assert.Equal(["*tcc", "*tcd"], qos.SortingParameters);
        Assert.Equal(["Stats2"], qos.Routes[0].StatIds);
        Assert.Equal(["Stats2_1"], qos.Routes[1].StatIds);
    }

    [Fact]
    public void Routes_OldtutorialFiltersOnContinuationRows_MergeAsASet()
    {
        var profile = TestPlans.ReadReference("oldtutorial").Plan.Routes.Single(r => r.Id == "ROUTE_WEIGHT_1");

        Assert.Equal(["FLTR_DST_DE", "FLTR_ACNT_1007"], profile.FilterIds);
        Assert.Equal(["route1", "route2", "route3"], profile.Routes.Select(r => r.Id));
        Assert.Equal(["FLTR_ACNT_dan"], profile.Routes[2].FilterIds);
        Assert.Equal(15m, profile.Routes[2].Weight);
    }

    [Fact]
    public void Routes_SameRouteIdUnderOtherFilters_IsAnotherRoute()
    {
        var result = TestPlans.ReadTexts(
            ("Routes.csv", """
                cgrates.org,R1,,,*weight,,route1,,acc1,,,,10,true,p1,
                cgrates.org,R1,,,,,route1,,acc2,,,,20,false,p2,
                cgrates.org,R1,,,,,route1,*string:~*req.A:1,acc3,,,,30,,,
                """));

        var routes = Assert.Single(result.Plan.Routes).Routes;
        Assert.Empty(result.Errors);
        Assert.Equal(2, routes.Count);
        Assert.Equal(["acc1", "acc2"], routes[0].AccountIds);
        Assert.Equal((10m, true, "p1"), (routes[0].Weight, routes[0].Blocker, routes[0].Parameters));
        Assert.Equal(["acc3"], routes[1].AccountIds);
        Assert.Equal(["*string:~*req.A:1"], routes[1].FilterIds);
    }

    [Fact]
    public void Stats_Tutorial_ReadEveryColumn()
    {
        var stats = TestPlans.ReadReference("tutorial").Plan.Stats[0];

        Assert.Equal(("cgrates.org", "Stats2"), (stats.Tenant, stats.Id));
        Assert.Equal(["FLTR_ACNT_1001_1002"], stats.FilterIds);
        Assert.Equal(100, stats.QueueLength);
        Assert.Equal(Usage.Unlimited, stats.Ttl);
        Assert.Equal(0, stats.MinItems);
        Assert.Equal(["*tcc", "*tcd"], stats.Metrics.Select(m => m.MetricId));
        Assert.All(stats.Metrics, m => Assert.Empty(m.FilterIds));
        Assert.False(stats.Stored);
        Assert.True(stats.Blocker);
        Assert.Equal(30m, stats.Weight);
        Assert.Equal(["*none"], stats.ThresholdIds);
    }

    [Fact]
    public void Stats_OldtutorialContinuationRows_AddMetricsWithTheirFilters()
    {
        var stats = Assert.Single(TestPlans.ReadReference("oldtutorial").Plan.Stats);

        Assert.Equal(
            ["*asr", "*acc", "*tcc", "*acd", "*tcd", "*sum#~*req.Usage", "*average#~*req.Usage", "*pdd"],
            stats.Metrics.Select(m => m.MetricId));
        Assert.Equal(["*exists:~*req.PDD:"], stats.Metrics[^1].FilterIds);
        Assert.Equal(
            (100, Usage.FromSeconds(3), 2, true, false, 20m),
            (stats.QueueLength, stats.Ttl, stats.MinItems, stats.Stored, stats.Blocker, stats.Weight));
    }

    [Fact]
    public void Stats_RepeatedFullRows_DeduplicateIdLists()
    {
        var stats = Assert.Single(TestPlans.ReadReference("testtp").Plan.Stats);

        Assert.Equal(8, stats.Metrics.Count);
        Assert.Equal(["THRESH1", "THRESH2"], stats.ThresholdIds);
        Assert.Equal(["FLTR_STS1"], stats.FilterIds);
        Assert.Equal(Usage.FromSeconds(1), stats.Ttl);
    }

    [Fact]
    public void Thresholds_Tutorial_ReadEveryColumn()
    {
        var thresholds = TestPlans.ReadReference("tutorial").Plan.Thresholds;

        var first = thresholds[0];
        Assert.Equal(new SourceLocation("Thresholds.csv", 2), first.Location);
        Assert.Equal(["FLTR_ACNT_1001"], first.FilterIds);
        Assert.Equal(new TpActivationInterval("2014-07-29T15:00:00Z", ""), first.ActivationInterval);
        Assert.Equal((1, 1, Usage.FromSeconds(1), false, 10m), (first.MaxHits, first.MinHits, first.MinSleep, first.Blocker, first.Weight));
        Assert.Equal(["ACT_LOG_WARNING"], first.ActionIds);
        Assert.True(first.Async);
        Assert.Empty(first.EeIds);
        Assert.Equal(-1, thresholds[1].MaxHits);
    }

    [Fact]
    public void Thresholds_FirstRowFieldsWin_LaterWeightReplaces()
    {
        var result = TestPlans.ReadTexts(("Thresholds.csv", """
            cgrates.org,T1,,,3,1,1s,true,10,*none,true,ee1
            cgrates.org,T1,,,7,2,5s,false,20,*none,false,ee2;ee1
            """));

        var threshold = Assert.Single(result.Plan.Thresholds);
        Assert.Equal(
            (3, 1, Usage.FromSeconds(1), true, true),
            (threshold.MaxHits, threshold.MinHits, threshold.MinSleep, threshold.Blocker, threshold.Async));
        Assert.Equal(20m, threshold.Weight);
        Assert.Equal(["ee1", "ee2"], threshold.EeIds);
    }

    [Fact]
    public void Resources_Tutorial_ReadEveryColumn()
    {
        var resource = Assert.Single(TestPlans.ReadReference("tutorial").Plan.Resources);

        Assert.Equal(new SourceLocation("Resources.csv", 2), resource.Location);
        Assert.Equal(("cgrates.org", "ResGroup1"), (resource.Tenant, resource.Id));
        Assert.Equal(["FLTR_RES"], resource.FilterIds);
        Assert.Equal(Usage.Unlimited, resource.UsageTtl);
        Assert.Equal(7m, resource.Limit);
        Assert.Equal("", resource.AllocationMessage);
        Assert.False(resource.Blocker);
        Assert.True(resource.Stored);
        Assert.Equal(10m, resource.Weight);
        Assert.Equal(["*none"], resource.ThresholdIds);
    }

    [Fact]
    public void Resources_UnlimitedTtlAndAllocationMessage_AreRead()
    {
        var resources = TestPlans.ReadReference("oldtutorial").Plan.Resources;

        Assert.Equal(("SPECIAL_1002", Usage.FromHours(1)), (resources[1].AllocationMessage, resources[1].UsageTtl));
        Assert.Equal(Usage.Unlimited, resources[2].UsageTtl);
        Assert.True(resources[2].Blocker);
    }

    [Fact]
    public void Resources_BlockerAndStored_ComeFromTheLastRow()
    {
        var result = TestPlans.ReadTexts(("Resources.csv", """
            cgrates.org,R1,,,1m,5,msg,true,true,10,
            cgrates.org,R1,,,,,,false,false,,
            """));

        var resource = Assert.Single(result.Plan.Resources);
        Assert.Equal(
            (Usage.FromMinutes(1), 5m, "msg", 10m),
            (resource.UsageTtl, resource.Limit, resource.AllocationMessage, resource.Weight));
        Assert.False(resource.Blocker);
        Assert.False(resource.Stored);
    }

    private static void AssertRule(TpFilterRule rule, string type, string element, params string[] values)
    {
        Assert.Equal(type, rule.Type);
        Assert.Equal(element, rule.Element);
        Assert.Equal(values, rule.Values);
    }
}
