namespace Obol.Filters;

/// <summary>
/// Builds a <see cref="FilterIndex{TKey}"/> (engine/libindex.go newFilterIndex): each positive, indexable
/// <c>*string</c>/<c>*prefix</c>/<c>*suffix</c>/<c>*exists</c> rule whose element is a plain <c>~path</c> and whose
/// values are constants puts the item under <c>type:path:value</c>; <c>*string</c> with a constant element and
/// <c>~path</c> values is indexed the other way round. An item none of whose rules is fully indexed — so that an
/// event could pass it without hitting any of its keys — goes under <c>*none:*any:*any</c> and is always a candidate.
/// </summary>
public sealed class FilterIndexBuilder<TKey>(FilterIndexOptions? options = null)
    where TKey : notnull
{
    private readonly FilterIndexOptions _options = options ?? FilterIndexOptions.Default;
    private readonly Dictionary<string, FilterIndex<TKey>.FieldEntryBuilder> _fields = new(StringComparer.Ordinal);
    private readonly List<TKey> _none = [];
    private readonly List<TKey> _all = [];

    public void Add(TKey item, IReadOnlyList<Filter> filters)
    {
        _all.Add(item);
        var covered = false;
        foreach (var filter in filters)
        {
            // A filter outside its window is skipped by Pass, so its rules cannot be relied on to hold.
            var reliable = filter.Activation is null;
            foreach (var rule in filter.Rules)
            {
                covered |= AddRule(item, rule) && reliable;
            }
        }
        if (!covered)
        {
            _none.Add(item);
        }
    }

    /// <summary>Resolves the ids with <paramref name="filters"/>; an unknown id is a <see cref="FilterDefinitionException"/>
    /// (CGRateS: broken filter reference).</summary>
    public void Add(TKey item, string tenant, IReadOnlyList<string> filterIds, FilterService filters)
    {
        var resolved = new Filter[filterIds.Count];
        for (var i = 0; i < resolved.Length; i++)
        {
            resolved[i] = filters.Resolve(tenant, filterIds[i], out var error)
                ?? throw new FilterDefinitionException($"broken filter reference \"{filterIds[i]}\" for item \"{item}\": {error}");
        }
        Add(item, resolved);
    }

    /// <summary>True when every way of passing the rule puts the event on one of the keys just added.</summary>
    private bool AddRule(TKey item, FilterRule rule)
    {
        if (rule.Negated || !rule.Indexable || rule.Kind is not (FilterKind.String or FilterKind.Prefix or FilterKind.Suffix or FilterKind.Exists))
        {
            return false;
        }
        if (IsIndexablePath(rule.Element))
        {
            var field = string.Join('.', rule.Element.Path.ToArray());
            if (!Allowed(rule.Kind, field))
            {
                return false;
            }
            var entry = Entry(field, rule.Element.Path);
            if (rule.Kind == FilterKind.Exists)
            {
                entry.Exists.Add(item);
                return true;
            }
            var all = true;
            foreach (var value in rule.ValueParsers)
            {
                if (value.IsDynamic)
                {
                    all = false;
                    continue;
                }
                entry.For(rule.Kind).Add(value.Rules, item);
            }
            return all;
        }
        if (rule.Element.IsDynamic || rule.Kind != FilterKind.String)
        {
            return false;
        }
        var reverseAll = true;
        foreach (var value in rule.ValueParsers)
        {
            if (!IsIndexablePath(value) || !Allowed(rule.Kind, string.Join('.', value.Path.ToArray())))
            {
                reverseAll = false;
                continue;
            }
            Entry(string.Join('.', value.Path.ToArray()), value.Path).Strings.Add(rule.Element.Rules, item);
        }
        return reverseAll;
    }

    private static bool IsIndexablePath(RsrParser parser) =>
        parser.IsPlainPath && !EvaluationContext.IsDynamicProvider(parser.Path[0]) && !parser.Rules.Contains('[', StringComparison.Ordinal);

    private bool Allowed(FilterKind kind, string field)
    {
        var allowed = kind switch
        {
            FilterKind.String => _options.StringIndexedFields,
            FilterKind.Prefix => _options.PrefixIndexedFields,
            FilterKind.Suffix => _options.SuffixIndexedFields,
            _ => _options.ExistsIndexedFields,
        };
        return allowed is null || allowed.Contains(field);
    }

    private FilterIndex<TKey>.FieldEntryBuilder Entry(string field, ReadOnlySpan<string> path)
    {
        if (!_fields.TryGetValue(field, out var entry))
        {
            entry = new FilterIndex<TKey>.FieldEntryBuilder(field, path.ToArray());
            _fields[field] = entry;
        }
        return entry;
    }

    public FilterIndex<TKey> Build() => new(_options, [.. _fields.Values.Select(f => f.Build())], [.. _none], [.. _all]);
}
