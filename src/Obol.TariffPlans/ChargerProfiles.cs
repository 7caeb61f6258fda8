namespace Obol.TariffPlans;

/// <summary>
/// Chargers.csv (model_helpers.go AsTPChargers): a non-zero Weight, a non-empty RunID or ActivationInterval of any
/// row replace the earlier ones, FilterIDs merge as a set and AttributeIDs are appended, inline attributes joined.
/// </summary>
internal sealed class ChargerProfiles(ReferenceCollector references)
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var (tenant, id, filterIds, activation) = row.ProfileHead();
        var runId = row.Text(4);
        var attributeIds = row.Text(5);
        var weight = row.Decimal(6);
        if (row.HasErrors)
        {
            return;
        }
        references.AddFilters(tenant, filterIds, row, 2);
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        if (weight != 0)
        {
            builder.Weight = weight;
        }
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        builder.FilterIds.AddRange(filterIds);
        if (runId.Length != 0)
        {
            builder.RunId = runId;
        }
        if (attributeIds.Length != 0)
        {
            var added = builder.AttributeIds.Count;
            FieldText.AppendChargerAttributeIds(attributeIds, builder.AttributeIds);
            for (var i = added; i < builder.AttributeIds.Count; i++)
            {
                // *none and inline attributes (*constant:*req.RequestType:*none) are not profile IDs.
                if (!builder.AttributeIds[i].StartsWith('*'))
                {
                    references.Add(ReferenceRule.ChargerAttribute, builder.AttributeIds[i], row, 5, tenant);
                }
            }
        }
    }

    public TpChargerProfile[] Build() => _table.Build(b => new TpChargerProfile(
        b.Location, b.Tenant, b.Id, b.FilterIds.ToArray(), b.Activation, b.RunId, [.. b.AttributeIds], b.Weight));

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public decimal Weight { get; set; }
        public TpActivationInterval? Activation { get; set; }
        public string RunId { get; set; } = "";
        public OrderedSet FilterIds { get; } = new();
        public List<string> AttributeIds { get; } = [];
    }
}
