namespace Obol.TariffPlans;

/// <summary>
/// Filters.csv (model_helpers.go AsTPFilter): each row with a Type adds a rule; a row repeating a Type+Element of
/// the same filter adds its values to that rule; the last non-empty ActivationInterval wins.
/// </summary>
internal sealed class FilterProfiles
{
    private readonly ProfileTable<Builder> _table = new();

    public void Read(PlanRow row)
    {
        var tenant = row.Text(0);
        var id = row.Text(1);
        var type = row.Text(2);
        var element = row.Text(3);
        var values = row.Text(4);
        var activation = row.ActivationInterval(5);
        string[] splitValues = values.Length == 0 ? [] : FieldText.SplitFilterValues(values, FieldText.ListSeparator);
        if (type.Length != 0)
        {
            CheckRule(row, type, element, splitValues);
        }
        if (row.HasErrors)
        {
            return;
        }
        var builder = _table.GetOrAdd(tenant, id, () => new Builder(row.Location, tenant, id));
        if (activation is not null)
        {
            builder.Activation = activation;
        }
        if (type.Length == 0)
        {
            return;
        }
        if (builder.RuleByKey.TryGetValue((type, element), out var rule))
        {
            rule.Values.AddRange(splitValues);
            return;
        }
        rule = new RuleBuilder(type, element, [.. splitValues]);
        builder.RuleByKey[(type, element)] = rule;
        builder.Rules.Add(rule);
    }

    public TpFilter[] Build() => _table.Build(b => new TpFilter(
        b.Location, b.Tenant, b.Id, b.Rules.ConvertAll(r => new TpFilterRule(r.Type, r.Element, [.. r.Values])), b.Activation));

    /// <summary>engine/filters.go NewFilterRule, which CGRateS runs when it stores the filter.</summary>
    private static void CheckRule(PlanRow row, string type, string element, string[] values)
    {
        var baseType = PlanVocabulary.BaseFilterType(type);
        if (!PlanVocabulary.FilterTypes.Contains(baseType))
        {
            row.Fail(2, $"unsupported filter type \"{type}\"");
            return;
        }
        if (element.Length == 0 && baseType != "*http")
        {
            row.Fail(3, $"an element is mandatory for filter type {type}");
        }
        if (values.Length == 0 && !PlanVocabulary.FilterTypesWithoutValues.Contains(baseType))
        {
            row.Fail(4, $"values are mandatory for filter type {type}");
        }
    }

    private sealed class Builder(SourceLocation location, string tenant, string id)
    {
        public SourceLocation Location { get; } = location;
        public string Tenant { get; } = tenant;
        public string Id { get; } = id;
        public TpActivationInterval? Activation { get; set; }
        public List<RuleBuilder> Rules { get; } = [];
        public Dictionary<(string Type, string Element), RuleBuilder> RuleByKey { get; } = [];
    }

    private sealed record RuleBuilder(string Type, string Element, List<string> Values);
}
