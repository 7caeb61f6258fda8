namespace Obol.TariffPlans;

/// <summary>
/// Attributes.csv (model_helpers.go AsTPAttributes): Blocker comes from the first row of a profile, a non-zero
/// Weight and a non-empty ActivationInterval of any row replace the earlier ones, Contexts and FilterIDs are merged
/// as sets, and every row with a Path adds an attribute.
/// </summary>
internal sealed class AttributeProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var tenant = row.Text(0);
        var id = row.Text(1);
        var contexts = row.List(2);
        var filterIds = row.List(3);
        row.CheckInlineFilters(3, filterIds);
        var activation = row.ActivationInterval(4);
        var attributeFilterIds = row.List(5);
        row.CheckInlineFilters(5, attributeFilterIds);
        var path = row.Text(6);
        var type = row.Text(7);
        var value = row.Text(8);
        var blocker = row.Bool(9);
        var weight = row.Decimal(10);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 3);
        references.AddFilters(tenant, attributeFilterIds, row, 5);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id, blocker));
        if (weight != 0)
        {
            builder.Weight = weight;
        }
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        builder.FilterIds.AddRange(filterIds);
        builder.Contexts.AddRange(contexts);
        if (path.Length != 0)
        {
            builder.Attributes.Add(new TpAttribute(row.Location, attributeFilterIds, path, type, value));
        }
    }

    public TpAttributeProfile[] Build() => _table.Build(b => new TpAttributeProfile(
        b.Location, b.Tenant, b.Id, b.Contexts.ToArray(), b.FilterIds.ToArray(), b.Activation, [.. b.Attributes], b.Blocker, b.Weight));

    private sealed class Builder(SourceLocation location, string tenant, string id, bool blocker)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public bool Blocker { get; } = blocker;
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public OrderedSet Contexts { get; } = new();
        public OrderedSet FilterIds { get; } = new();
        public List<TpAttribute> Attributes { get; } = [];
    }
}
