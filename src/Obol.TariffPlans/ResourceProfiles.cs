using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>
/// Resources.csv (model_helpers.go AsTPResources): Blocker and Stored are taken from every row, so the last row
/// wins; a non-empty TTL, Limit, AllocationMessage or ActivationInterval and a non-zero Weight replace the earlier
/// ones; FilterIDs and ThresholdIDs merge as sets.
/// </summary>
internal sealed class ResourceProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var (tenant, id, filterIds, activation) = row.ProfileHead();
        var ttl = row.Duration(4);
        var limit = row.Decimal(5);
        var allocationMessage = row.Text(6);
        var blocker = row.Bool(7);
        var stored = row.Bool(8);
        var weight = row.Decimal(9);
        var thresholdIds = row.List(10);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 2);
        references.AddUnlessNone(ReferenceRule.ProfileThreshold, tenant, thresholdIds, row, 10);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        if (!row.IsEmpty(4))
        {
            builder.UsageTtl = ttl;
        }
        if (weight != 0)
        {
            builder.Weight = weight;
        }
        if (!row.IsEmpty(5))
        {
            builder.Limit = limit;
        }
        if (allocationMessage.Length != 0)
        {
            builder.AllocationMessage = allocationMessage;
        }
        builder.Blocker = blocker;
        builder.Stored = stored;
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        builder.ThresholdIds.AddRange(thresholdIds);
        builder.FilterIds.AddRange(filterIds);
    }

    public TpResourceProfile[] Build() => _table.Build(b => new TpResourceProfile(
        b.Location, b.Tenant, b.Id, b.FilterIds.ToArray(), b.Activation, b.UsageTtl, b.Limit, b.AllocationMessage, b.Blocker, b.Stored,
        b.Weight, b.ThresholdIds.ToArray()));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public Usage UsageTtl { get; set; }
        public decimal Limit { get; set; }
        public string AllocationMessage { get; set; } = "";
        public bool Blocker { get; set; }
        public bool Stored { get; set; }
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public OrderedSet FilterIds { get; } = new();
        public OrderedSet ThresholdIds { get; } = new();
    }
}
