namespace Obol.TariffPlans;

/// <summary>
/// Rankings.csv (model_helpers.go AsTPRanking): a non-empty Schedule or Sorting of any row replaces the earlier one;
/// Stored holds once a row sets it; StatIDs, MetricIDs, SortingParameters and ThresholdIDs merge as sets (CGRateS keeps
/// SortingParameters in first-seen order as they rank by priority; the others are sets in random order there).
/// </summary>
internal sealed class RankingProfiles
{
    private const string SortingAscending = "*asc";
    private const string SortingDescending = "*desc";

    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var tenant = row.Text(0);
        var id = row.Text(1);
        var schedule = row.Schedule(2);
        var statIds = row.List(3);
        var metricIds = row.List(4);
        var sorting = row.Text(5);
        // newRankingSorter knows these two only; anything else fails every computation of the ranking.
        if (sorting is not ("" or SortingAscending or SortingDescending))
        {
            row.Fail(5, $"invalid sorting \"{sorting}\" (expected {SortingAscending} or {SortingDescending})");
        }
        var sortingParameters = row.List(6);
        var stored = row.Bool(7);
        var thresholdIds = row.List(8);
        if (row.HasErrors)
        {
            return;
        }
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        builder.Schedule = schedule.Length == 0 ? builder.Schedule : schedule;
        builder.Sorting = sorting.Length == 0 ? builder.Sorting : sorting;
        builder.Stored |= stored;
        builder.StatIds.AddRange(statIds);
        builder.MetricIds.AddRange(metricIds);
        builder.SortingParameters.AddRange(sortingParameters);
        builder.ThresholdIds.AddRange(thresholdIds);
    }

    public TpRankingProfile[] Build() => _table.Build(b => new TpRankingProfile(
        b.Location, b.Tenant, b.Id, b.Schedule, b.StatIds.ToArray(), b.MetricIds.ToArray(), b.Sorting, b.SortingParameters.ToArray(),
        b.Stored, b.ThresholdIds.ToArray()));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public string Schedule { get; set; } = "";
        public string Sorting { get; set; } = "";
        public bool Stored { get; set; }
        public OrderedSet StatIds { get; } = new();
        public OrderedSet MetricIds { get; } = new();
        public OrderedSet SortingParameters { get; } = new();
        public OrderedSet ThresholdIds { get; } = new();
    }
}
