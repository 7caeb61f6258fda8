namespace Obol.TariffPlans;

/// <summary>
/// DispatcherProfiles.csv (model_helpers.go AsTPDispatcherProfiles): Subsystems and FilterIDs merge as sets,
/// StrategyParameters are appended, a non-empty Strategy or ActivationInterval and a non-zero Weight replace the earlier
/// ones. A ConnID names a host: its first row gives its Weight and Blocker, every row of it adds ConnFilterIDs (as a
/// set) and ConnParameters.
/// </summary>
internal sealed class DispatcherProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var tenant = row.Text(0);
        var id = row.Text(1);
        var subsystems = row.List(2);
        var filterIds = row.List(3);
        row.CheckInlineFilters(3, filterIds);
        var activation = row.ActivationInterval(4);
        var strategy = row.Text(5);
        var strategyParameters = row.List(6);
        var connId = row.Text(7);
        var connFilterIds = row.List(8);
        row.CheckInlineFilters(8, connFilterIds);
        var connWeight = row.Decimal(9);
        var connBlocker = row.Bool(10);
        var connParameters = row.List(11);
        var weight = row.Decimal(12);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 3);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        builder.Subsystems.AddRange(subsystems);
        builder.FilterIds.AddRange(filterIds);
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        if (strategy.Length != 0)
        {
            builder.Strategy = strategy;
        }
        builder.StrategyParameters.AddRange(strategyParameters);
        if (connId.Length != 0)
        {
            references.AddFilters(tenant, connFilterIds, row, 8);
            var host = builder.Host(connId, connWeight, connBlocker);
            host.FilterIds.AddRange(connFilterIds);
            host.Parameters.AddRange(connParameters);
        }
        if (weight != 0)
        {
            builder.Weight = weight;
        }
    }

    public TpDispatcherProfile[] Build() => _table.Build(b => new TpDispatcherProfile(
        b.Location, b.Tenant, b.Id, b.Subsystems.ToArray(), b.FilterIds.ToArray(), b.Activation, b.Strategy,
        [.. b.StrategyParameters],
        b.Hosts.ConvertAll(h => new TpDispatcherHostProfile(h.Id, h.FilterIds.ToArray(), h.Weight, h.Blocker, [.. h.Parameters])),
        b.Weight));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public OrderedSet Subsystems { get; } = new();
        public OrderedSet FilterIds { get; } = new();
        public TpActivationInterval? Activation { get; set; }
        public string Strategy { get; set; } = "";
        public List<string> StrategyParameters { get; } = [];
        public decimal Weight { get; set; }

        // CGRateS keeps the hosts in a Go map (random order); first-seen order keeps the plan's order instead.
        public List<HostBuilder> Hosts { get; } = [];

        public HostBuilder Host(string id, decimal weight, bool blocker)
        {
            // A profile has a handful of hosts: a linear scan beats a dictionary here.
            var host = Hosts.Find(h => h.Id == id);
            if (host is null)
            {
                host = new HostBuilder(id, weight, blocker);
                Hosts.Add(host);
            }
            return host;
        }
    }

    private sealed class HostBuilder(string id, decimal weight, bool blocker)
    {
        public string Id { get; } = id;
        public decimal Weight { get; } = weight;
        public bool Blocker { get; } = blocker;
        public OrderedSet FilterIds { get; } = new();
        public List<string> Parameters { get; } = [];
    }
}
