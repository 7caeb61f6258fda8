namespace Obol.TariffPlans;

/// <summary>Profiles keyed by Tenant+ID in order of first appearance: a later row with the same key extends the profile.</summary>
internal sealed class ProfileTable<TBuilder>
    where TBuilder : class
{
    private readonly Dictionary<(string Tenant, string Id), TBuilder> _byKey = [];
    private readonly List<TBuilder> _ordered = [];

    public IReadOnlyList<TBuilder> Ordered => _ordered;

    public TBuilder GetOrAdd(string tenant, string id, Func<TBuilder> create)
    {
        if (!_byKey.TryGetValue((tenant, id), out var builder))
        {
            builder = create();
            _byKey[(tenant, id)] = builder;
            _ordered.Add(builder);
        }
        return builder;
    }

    public TRecord[] Build<TRecord>(Func<TBuilder, TRecord> build)
    {
        var records = new TRecord[_ordered.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = build(_ordered[i]);
        }
        return records;
    }
}
