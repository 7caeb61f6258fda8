using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>
/// Stats.csv (model_helpers.go AsTPStats): Blocker and Stored are true once any row sets them; a non-zero
/// QueueLength, MinItems or Weight, a non-empty TTL or ActivationInterval of any row replace the earlier ones;
/// FilterIDs and ThresholdIDs merge as sets; each metric ID appears once and collects the MetricFilterIDs of its rows.
/// </summary>
internal sealed class StatProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var (tenant, id, filterIds, activation) = row.ProfileHead();
        var queueLength = row.Int(4);
        var ttl = row.Duration(5);
        var hasTtl = !row.IsEmpty(5);
        var minItems = row.Int(6);
        var metricIds = row.List(7);
        var metricFilterIds = row.List(8);
        row.CheckInlineFilters(8, metricFilterIds);
        var stored = row.Bool(9);
        var blocker = row.Bool(10);
        var weight = row.Decimal(11);
        var thresholdIds = row.List(12);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 2);
        references.AddFilters(tenant, metricFilterIds, row, 8);
        references.AddUnlessNone(ReferenceRule.ProfileThreshold, tenant, thresholdIds, row, 12);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        builder.Blocker |= blocker;
        builder.Stored |= stored;
        if (weight != 0)
        {
            builder.Weight = weight;
        }
        if (minItems != 0)
        {
            builder.MinItems = minItems;
        }
        if (hasTtl)
        {
            builder.Ttl = ttl;
        }
        if (queueLength != 0)
        {
            builder.QueueLength = queueLength;
        }
        builder.ThresholdIds.AddRange(thresholdIds);
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        builder.FilterIds.AddRange(filterIds);
        foreach (var metricId in metricIds)
        {
            if (!builder.MetricByKey.TryGetValue(metricId, out var metricFilters))
            {
                metricFilters = [];
                builder.MetricByKey[metricId] = metricFilters;
                builder.MetricIds.Add(metricId);
            }
            metricFilters.AddRange(metricFilterIds);
        }
    }

    public TpStatProfile[] Build() => _table.Build(b => new TpStatProfile(
        b.Location, b.Tenant, b.Id, b.FilterIds.ToArray(), b.Activation, b.QueueLength, b.Ttl, b.MinItems,
        b.MetricIds.ConvertAll(m => new TpStatMetric(m, [.. b.MetricByKey[m]])), b.Stored, b.Blocker, b.Weight, b.ThresholdIds.ToArray()));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public int QueueLength { get; set; }
        public Usage Ttl { get; set; }
        public int MinItems { get; set; }
        public bool Stored { get; set; }
        public bool Blocker { get; set; }
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public OrderedSet FilterIds { get; } = new();
        public OrderedSet ThresholdIds { get; } = new();
        public List<string> MetricIds { get; } = [];
        public Dictionary<string, List<string>> MetricByKey { get; } = new(StringComparer.Ordinal);
    }
}
