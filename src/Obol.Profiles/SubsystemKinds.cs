using Obol.Stats;
using Obol.Thresholds;

namespace Obol.Profiles;

/// <summary>Registers each subsystem's profile kind with the catalog, under the collection names the store uses.</summary>
public static class SubsystemKinds
{
    public static ProfileKind<StatQueueProfileDefinition, StatQueueProfile> AddStats(this ProfileCatalog catalog, StatService stats) =>
        catalog.AddKind<StatQueueProfileDefinition, StatQueueProfile>("stat_queue_profiles", d => d.ToProfile(),
            (plan, options) => plan.Stats.Select(tp => (tp.Location,
                (Func<StatQueueProfileDefinition>)(() => StatQueueProfileDefinition.From(StatQueueProfileDefinition.FromTp(tp, options.TimeZone, options.Now))))),
            stats.IndexOptions, stats.SetProfiles);

    public static ProfileKind<ThresholdProfileDefinition, ThresholdProfile> AddThresholds(this ProfileCatalog catalog, ThresholdService thresholds) =>
        catalog.AddKind<ThresholdProfileDefinition, ThresholdProfile>("threshold_profiles", d => d.ToProfile(),
            (plan, options) => plan.Thresholds.Select(tp => (tp.Location,
                (Func<ThresholdProfileDefinition>)(() => ThresholdProfileDefinition.From(ThresholdProfileDefinition.FromTp(tp, options.TimeZone, options.Now))))),
            thresholds.IndexOptions, thresholds.SetProfiles);
}
