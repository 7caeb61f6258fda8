namespace Obol.Filters;

/// <summary>
/// Candidate selection for a profile kind (engine/filterhelpers.go MatchingItemIDsForEvent): the items whose
/// indexed rules the event hits, plus the <c>*none</c> items. The caller still checks each candidate with
/// <see cref="FilterService.Pass"/>; the index only saves scanning every profile.
/// </summary>
public sealed class FilterIndex<TKey>
    where TKey : notnull
{
    private readonly FilterIndexOptions _options;
    private readonly FieldEntry[] _fields;
    private readonly TKey[] _none;
    private readonly TKey[] _all;

    internal FilterIndex(FilterIndexOptions options, FieldEntry[] fields, TKey[] none, TKey[] all)
    {
        _options = options;
        _fields = fields;
        _none = none;
        _all = all;
    }

    /// <summary>The index keys (<c>*string:*req.Account:1001</c>, ..., <c>*none:*any:*any</c>) and their items.</summary>
    public IEnumerable<(string Key, IReadOnlyList<TKey> Items)> Keys()
    {
        foreach (var field in _fields)
        {
            foreach (var (kind, map) in new[] { ("*string", field.Strings), ("*prefix", field.Prefixes), ("*suffix", field.Suffixes) })
            {
                foreach (var (value, items) in map)
                {
                    yield return ($"{kind}:{field.Name}:{value}", items);
                }
            }
            if (field.Exists.Length != 0)
            {
                yield return ($"*exists:{field.Name}", field.Exists);
            }
        }
        if (_none.Length != 0)
        {
            yield return ("*none:*any:*any", _none);
        }
    }

    /// <summary>Adds the candidates for <paramref name="data"/> to <paramref name="into"/> (reuse it to avoid allocation).</summary>
    public void Collect(IDataProvider data, ISet<TKey> into)
    {
        if (!_options.IndexedSelects)
        {
            into.UnionWith(_all);
            return;
        }
        foreach (var field in _fields)
        {
            if (!data.TryGetField(field.Path, out var raw))
            {
                continue;
            }
            into.UnionWith(field.Exists);
            var value = GoValues.AsString(raw);
            if (field.Strings.TryGetValue(value, out var items))
            {
                into.UnionWith(items);
            }
            CollectAffixes(field.PrefixLookup, field.Prefixes.Count, value, prefix: true, into);
            CollectAffixes(field.SuffixLookup, field.Suffixes.Count, value, prefix: false, into);
        }
        into.UnionWith(_none);
    }

    public HashSet<TKey> Candidates(IDataProvider data)
    {
        var set = new HashSet<TKey>();
        Collect(data, set);
        return set;
    }

    private void CollectAffixes(Dictionary<string, TKey[]>.AlternateLookup<ReadOnlySpan<char>> lookup, int count, string value, bool prefix, ISet<TKey> into)
    {
        if (count == 0)
        {
            return;
        }
        // Longest first, as utils.SplitPrefix / SplitSuffix order them.
        for (var length = value.Length; length >= 0; length--)
        {
            var part = prefix ? value.AsSpan(0, length) : value.AsSpan(value.Length - length);
            if (lookup.TryGetValue(part, out var items))
            {
                into.UnionWith(items);
                if (_options.LongestPrefixOnly)
                {
                    return;
                }
            }
        }
    }

    internal sealed class FieldEntry(string name, string[] path, Dictionary<string, TKey[]> strings,
        Dictionary<string, TKey[]> prefixes, Dictionary<string, TKey[]> suffixes, TKey[] exists)
    {
        public string Name { get; } = name;
        public string[] Path { get; } = path;
        public Dictionary<string, TKey[]> Strings { get; } = strings;
        public Dictionary<string, TKey[]> Prefixes { get; } = prefixes;
        public Dictionary<string, TKey[]> Suffixes { get; } = suffixes;
        public Dictionary<string, TKey[]>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup { get; } = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        public Dictionary<string, TKey[]>.AlternateLookup<ReadOnlySpan<char>> SuffixLookup { get; } = suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        public TKey[] Exists { get; } = exists;
    }

    internal sealed class FieldEntryBuilder(string name, string[] path)
    {
        public Values Strings { get; } = new();
        public Values Prefixes { get; } = new();
        public Values Suffixes { get; } = new();
        public List<TKey> Exists { get; } = [];

        public Values For(FilterKind kind) => kind switch
        {
            FilterKind.String => Strings,
            FilterKind.Prefix => Prefixes,
            _ => Suffixes,
        };

        public FieldEntry Build() => new(name, path, Strings.Build(), Prefixes.Build(), Suffixes.Build(), [.. Exists.Distinct()]);
    }

    internal sealed class Values
    {
        private readonly Dictionary<string, List<TKey>> _items = new(StringComparer.Ordinal);

        public void Add(string value, TKey item)
        {
            if (!_items.TryGetValue(value, out var list))
            {
                _items[value] = list = [];
            }
            list.Add(item);
        }

        public Dictionary<string, TKey[]> Build() =>
            _items.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal);
    }
}
