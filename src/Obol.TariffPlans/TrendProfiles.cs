namespace Obol.TariffPlans;

/// <summary>
/// Trends.csv (model_helpers.go AsTPTrends): a non-empty Schedule, StatID, TTL or CorrelationType and a non-zero
/// QueueLength, MinItems or Tolerance of any row replace the earlier ones; Stored holds once a row sets it; Metrics and
/// ThresholdIDs merge as sets. The TTL is kept as written: empty reads as 0 (APItoTrends), with which TrendS drops every
/// earlier point before it computes a new one, and a negative one (<c>-1</c>) keeps them until QueueLength drops them.
/// </summary>
internal sealed class TrendProfiles
{
    private const string CorrelationLast = "*last";
    private const string CorrelationAverage = "*average";

    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var tenant = row.Text(0);
        var id = row.Text(1);
        var schedule = row.Schedule(2);
        var statId = row.Text(3);
        var metrics = row.List(4);
        var ttl = row.DurationText(5);
        var queueLength = row.Int(6);
        var minItems = row.Int(7);
        var correlationType = row.Text(8);
        // Trend.getTrendGrowth knows these two only; anything else fails every computation of the trend.
        if (correlationType is not ("" or CorrelationLast or CorrelationAverage))
        {
            row.Fail(8, $"invalid correlation type \"{correlationType}\" (expected {CorrelationLast} or {CorrelationAverage})");
        }
        var tolerance = row.Decimal(9);
        var stored = row.Bool(10);
        var thresholdIds = row.List(11);
        if (row.HasErrors)
        {
            return;
        }
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        builder.Schedule = schedule.Length == 0 ? builder.Schedule : schedule;
        builder.StatId = statId.Length == 0 ? builder.StatId : statId;
        builder.Ttl = ttl.Length == 0 ? builder.Ttl : ttl;
        builder.QueueLength = queueLength == 0 ? builder.QueueLength : queueLength;
        builder.MinItems = minItems == 0 ? builder.MinItems : minItems;
        builder.CorrelationType = correlationType.Length == 0 ? builder.CorrelationType : correlationType;
        builder.Tolerance = tolerance == 0 ? builder.Tolerance : tolerance;
        builder.Stored |= stored;
        builder.Metrics.AddRange(metrics);
        builder.ThresholdIds.AddRange(thresholdIds);
    }

    public TpTrendProfile[] Build() => _table.Build(b => new TpTrendProfile(
        b.Location, b.Tenant, b.Id, b.Schedule, b.StatId, b.Metrics.ToArray(), b.Ttl, b.QueueLength, b.MinItems, b.CorrelationType,
        b.Tolerance, b.Stored, b.ThresholdIds.ToArray()));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public string Schedule { get; set; } = "";
        public string StatId { get; set; } = "";
        public string Ttl { get; set; } = "";
        public int QueueLength { get; set; }
        public int MinItems { get; set; }
        public string CorrelationType { get; set; } = "";
        public decimal Tolerance { get; set; }
        public bool Stored { get; set; }
        public OrderedSet Metrics { get; } = new();
        public OrderedSet ThresholdIds { get; } = new();
    }
}
