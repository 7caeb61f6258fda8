namespace Obol.TariffPlans;

/// <summary>Every kind of ID reference between tariff-plan files that is checked once all files are read.</summary>
internal enum ReferenceRule : byte
{
    DestinationRateDestination,
    DestinationRateRates,
    RatingPlanDestinationRates,
    RatingPlanTiming,
    RatingProfileRatingPlan,
    ActionTiming,
    ActionPlanActions,
    ActionPlanTiming,
    ActionTriggerActions,
    AccountActionPlan,
    AccountActionTriggers,
    ProfileFilter,
    ThresholdActions,
    ProfileThreshold,
    ChargerAttribute,
    RouteRatingPlan,
}

/// <summary>What each rule points at, and whether a dangling reference is an error or only a warning.</summary>
internal static class ReferenceRules
{
    public static ReferenceTarget Target(ReferenceRule rule) => rule switch
    {
        ReferenceRule.DestinationRateDestination => ReferenceTarget.Destination,
        ReferenceRule.DestinationRateRates => ReferenceTarget.Rates,
        ReferenceRule.RatingPlanDestinationRates => ReferenceTarget.DestinationRates,
        ReferenceRule.RatingPlanTiming or ReferenceRule.ActionTiming or ReferenceRule.ActionPlanTiming => ReferenceTarget.Timing,
        ReferenceRule.RatingProfileRatingPlan or ReferenceRule.RouteRatingPlan => ReferenceTarget.RatingPlan,
        ReferenceRule.ActionPlanActions or ReferenceRule.ActionTriggerActions or ReferenceRule.ThresholdActions => ReferenceTarget.Actions,
        ReferenceRule.AccountActionPlan => ReferenceTarget.ActionPlan,
        ReferenceRule.AccountActionTriggers => ReferenceTarget.ActionTriggers,
        ReferenceRule.ProfileFilter => ReferenceTarget.Filter,
        ReferenceRule.ProfileThreshold => ReferenceTarget.Threshold,
        ReferenceRule.ChargerAttribute => ReferenceTarget.AttributeProfile,
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>
    /// Dangling references that cgr-loader itself rejects (tpreader.go returns "could not get/find ..." and the load
    /// fails, or the DataDB indexing of a profile fails on a missing filter) are errors. The ones below CGRateS loads
    /// without complaint, and the reference plans rely on that, so they are only warnings.
    /// </summary>
    public static bool IsWarning(ReferenceRule rule) => rule switch
    {
        // LoadActionTriggers never looks the actions up; a trigger whose actions are missing does nothing when it
        // fires. test-tariffplans/engine_loader_csv triggers SOME_1, SOME_2 and LOG_WARNING, none of which exist.
        ReferenceRule.ActionTriggerActions => true,
        // ThresholdS resolves ActionIDs only when the threshold is hit. testtp's Threshold1 names THRESH1;THRESH2.
        ReferenceRule.ThresholdActions => true,
        // StatS/ResourceS look thresholds up at run time by ID. testtp's Stats1 names THRESH1;THRESH2.
        ReferenceRule.ProfileThreshold => true,
        // ChargerS hands AttributeIDs to AttributeS per event. tutorial2's CRG_RESELLER1 names ATTR_CRG_RESELLER1
        // while the profile is called ATTR_CRG_SUPPLIER1.
        ReferenceRule.ChargerAttribute => true,
        // RouteS rates a route by its plans only when sorting by cost. testtp's ROUTE_1 names the missing RPL_1.
        ReferenceRule.RouteRatingPlan => true,
        _ => false,
    };
}

/// <summary>The kinds of things an ID can refer to; Filter, Threshold and AttributeProfile IDs are per tenant.</summary>
internal enum ReferenceTarget : byte
{
    Destination,
    Rates,
    DestinationRates,
    Timing,
    RatingPlan,
    Actions,
    ActionPlan,
    ActionTriggers,
    Filter,
    Threshold,
    AttributeProfile,
}
