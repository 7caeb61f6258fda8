using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>
/// Thresholds.csv (model_helpers.go AsTPThreshold): MaxHits, MinHits, MinSleep, Blocker and Async come from the first
/// row of a profile; a non-zero Weight or a non-empty ActivationInterval of any row replace the earlier ones;
/// FilterIDs, ActionIDs and EeIDs merge as sets.
/// </summary>
internal sealed class ThresholdProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var (tenant, id, filterIds, activation) = row.ProfileHead();
        var maxHits = row.Int(4);
        var minHits = row.Int(5);
        var minSleep = row.Duration(6);
        var blocker = row.Bool(7);
        var weight = row.Decimal(8);
        var actionIds = row.List(9);
        var async = row.Bool(10);
        var eeIds = row.List(11);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 2);
        references.AddUnlessNone(ReferenceRule.ThresholdActions, "", actionIds, row, 9);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id, maxHits, minHits, minSleep, blocker, async));
        builder.ActionIds.AddRange(actionIds);
        builder.EeIds.AddRange(eeIds);
        if (weight != 0)
        {
            builder.Weight = weight;
        }
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        builder.FilterIds.AddRange(filterIds);
    }

    public TpThresholdProfile[] Build() => _table.Build(b => new TpThresholdProfile(
        b.Location, b.Tenant, b.Id, b.FilterIds.ToArray(), b.Activation, b.MaxHits, b.MinHits, b.MinSleep, b.Blocker, b.Weight,
        b.ActionIds.ToArray(), b.Async, b.EeIds.ToArray()));

    private sealed class Builder(
        SourceLocation location, string tenant, string id, int maxHits, int minHits, Usage minSleep, bool blocker, bool async)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public int MaxHits { get; } = maxHits;
        public int MinHits { get; } = minHits;
        public Usage MinSleep { get; } = minSleep;
        public bool Blocker { get; } = blocker;
        public bool Async { get; } = async;
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public OrderedSet FilterIds { get; } = new();
        public OrderedSet ActionIds { get; } = new();
        public OrderedSet EeIds { get; } = new();
    }
}
