using Xunit;

namespace Obol.TariffPlans.Tests;

public sealed class ReferencePlanTests
{
    public static TheoryData<string> Plans =>
        ["tutorial", "tutorial2", "oldtutorial", "testtp", "engine_loader_csv", "gt_balance_sms_blocker", "tp_destination_with_any"];

    [Theory]
    [MemberData(nameof(Plans))]
    public void ReadFolder_ReferencePlan_HasNoErrors(string plan)
    {
        var result = TestPlans.ReadReference(plan);

        Assert.True(result.Succeeded, TestPlans.Describe(result.Errors));
        Assert.All(result.Errors, e => Assert.True(e.IsWarning, e.ToString()));
    }

    public static TheoryData<string, string[]> AcceptedDanglingReferences => new()
    {
        { "tutorial", [] },
        { "tutorial2", ["Chargers.csv:8: AttributeIDs: warning: unknown AttributeProfile \"ATTR_CRG_RESELLER1\" in tenant cgrates.org"] },
        { "oldtutorial", [] },
        {
            "testtp",
            [
                "Stats.csv:2: ThresholdIDs: warning: unknown Threshold \"THRESH1\" in tenant cgrates.org",
                "Stats.csv:2: ThresholdIDs: warning: unknown Threshold \"THRESH2\" in tenant cgrates.org",
                "Stats.csv:3: ThresholdIDs: warning: unknown Threshold \"THRESH1\" in tenant cgrates.org",
                "Stats.csv:3: ThresholdIDs: warning: unknown Threshold \"THRESH2\" in tenant cgrates.org",
                "Thresholds.csv:2: ActionIDs: warning: unknown Actions \"THRESH1\"",
                "Thresholds.csv:2: ActionIDs: warning: unknown Actions \"THRESH2\"",
                "Routes.csv:2: RouteRatingPlanIDs: warning: unknown RatingPlan \"RPL_1\"",
            ]
        },
        {
            "engine_loader_csv",
            [
                "ActionTriggers.csv:1: ActionsID: warning: unknown Actions \"SOME_1\"",
                "ActionTriggers.csv:2: ActionsID: warning: unknown Actions \"SOME_2\"",
                "ActionTriggers.csv:3: ActionsID: warning: unknown Actions \"LOG_WARNING\"",
                "ActionTriggers.csv:4: ActionsID: warning: unknown Actions \"LOG_WARNING\"",
                "ActionTriggers.csv:5: ActionsID: warning: unknown Actions \"LOG_WARNING\"",
            ]
        },
        { "gt_balance_sms_blocker", [] },
        { "tp_destination_with_any", [] },
    };

    [Theory]
    [MemberData(nameof(AcceptedDanglingReferences))]
    public void ReadFolder_ReferencePlan_WarnsOnlyAboutTheDanglingReferencesCGRatesAccepts(string plan, string[] expected)
    {
        var result = TestPlans.ReadReference(plan);

        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ReadFolder_Tutorial_HasOneRecordPerRowAndOneProfilePerId()
    {
        var plan = TestPlans.ReadReference("tutorial").Plan;

        Assert.Empty(plan.Timings);
        Assert.Equal(4, plan.Destinations.Count);
        Assert.Equal(10, plan.Rates.Count);
        Assert.Equal(6, plan.DestinationRates.Count);
        Assert.Equal(7, plan.RatingPlans.Count);
        Assert.Equal(8, plan.RatingProfiles.Count);
        Assert.Empty(plan.SharedGroups);
        Assert.Equal(4, plan.Actions.Count);
        Assert.Single(plan.ActionPlans);
        Assert.Equal(2, plan.ActionTriggers.Count);
        Assert.Equal(3, plan.AccountActions.Count);
        // 12 filter rows, 31 attribute rows and 9 route rows make 7, 11 and 3 profiles.
        Assert.Equal(7, plan.Filters.Count);
        Assert.Equal(11, plan.Attributes.Count);
        Assert.Equal(2, plan.Chargers.Count);
        Assert.Equal(3, plan.Routes.Count);
        Assert.Equal(2, plan.Stats.Count);
        Assert.Equal(2, plan.Thresholds.Count);
        Assert.Single(plan.Resources);
    }

    [Fact]
    public void ReadFolder_EngineLoaderCsv_HasOneRecordPerRowOfHeaderlessFiles()
    {
        var plan = TestPlans.ReadReference("engine_loader_csv").Plan;

        Assert.Equal(4, plan.Timings.Count);
        Assert.Equal(20, plan.Destinations.Count);
        Assert.Equal(16, plan.Rates.Count);
        Assert.Equal(21, plan.DestinationRates.Count);
        Assert.Equal(23, plan.RatingPlans.Count);
        Assert.Equal(27, plan.RatingProfiles.Count);
        Assert.Equal(3, plan.SharedGroups.Count);
        Assert.Equal(21, plan.Actions.Count);
        Assert.Equal(11, plan.ActionPlans.Count);
        Assert.Equal(5, plan.ActionTriggers.Count);
        Assert.Equal(17, plan.AccountActions.Count);
    }

    [Fact]
    public void ReadFolder_Oldtutorial_SkipsTheCommentedActionAndReadsEveryOtherRow()
    {
        var plan = TestPlans.ReadReference("oldtutorial").Plan;

        Assert.Equal(4, plan.Timings.Count);
        Assert.Equal(12, plan.Actions.Count);
        Assert.Single(plan.SharedGroups);
        Assert.Equal(3, plan.Resources.Count);
        Assert.Single(plan.Stats);
        Assert.Equal(7, plan.Thresholds.Count);
        Assert.Equal(3, plan.Routes.Count);
    }

    [Fact]
    public void ReadFolder_Testtp_ReadsAnEmptySharedGroupsFile()
    {
        var plan = TestPlans.ReadReference("testtp").Plan;

        Assert.Empty(plan.SharedGroups);
        Assert.Equal(15, plan.Actions.Count);
        Assert.Equal(13, plan.AccountActions.Count);
        Assert.Equal(2, plan.Timings.Count);
    }
}
