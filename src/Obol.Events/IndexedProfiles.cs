using System.Collections.Frozen;
using Obol.Filters;

namespace Obol.Events;

/// <summary>
/// An immutable set of one subsystem's profiles with a filter index per tenant, so that matching an event reads only
/// the candidates the index gives (engine/filterhelpers.go MatchingItemIDsForEvent). Changes build a new set; callers
/// swap the reference, so readers never lock.
/// </summary>
public sealed class IndexedProfiles<TProfile>
    where TProfile : class, IEventProfile
{
    private readonly FrozenDictionary<(string Tenant, string Id), TProfile> _profiles;
    private readonly FrozenDictionary<string, FilterIndex<string>> _indexes;

    internal IndexedProfiles(FrozenDictionary<(string, string), TProfile> profiles, FrozenDictionary<string, FilterIndex<string>> indexes)
    {
        _profiles = profiles;
        _indexes = indexes;
    }

    internal static readonly IndexedProfiles<TProfile> EmptySet = new(
        FrozenDictionary<(string, string), TProfile>.Empty, FrozenDictionary<string, FilterIndex<string>>.Empty);

    public int Count => _profiles.Count;

    public IEnumerable<TProfile> All => _profiles.Values;

    public TProfile? Find(string tenant, string id) => _profiles.GetValueOrDefault((tenant, id));

    public IEnumerable<TProfile> OfTenant(string tenant) =>
        _profiles.Values.Where(p => p.Tenant == tenant).OrderBy(p => p.Id, StringComparer.Ordinal);

    /// <summary>The tenant's index keys (<c>*string:*req.Account:1001</c>, ..., <c>*none:*any:*any</c>) with the ids of
    /// the profiles under each, as APIerSv1.GetFilterIndexes lists them.</summary>
    public IEnumerable<(string Key, IReadOnlyList<string> Items)> IndexKeys(string tenant) =>
        _indexes.TryGetValue(tenant, out var index) ? index.Keys() : [];

    /// <summary>A new set with <paramref name="profile"/> added or replaced.</summary>
    public IndexedProfiles<TProfile> With(TProfile profile, FilterService filters, FilterIndexOptions options) =>
        IndexedProfiles.Build(_profiles.Values.Where(p => p.Tenant != profile.Tenant || p.Id != profile.Id).Append(profile), filters, options);

    /// <summary>A new set without the profile; the same set when it was not there.</summary>
    public IndexedProfiles<TProfile> Without(string tenant, string id, FilterService filters, FilterIndexOptions options) =>
        _profiles.ContainsKey((tenant, id))
            ? IndexedProfiles.Build(_profiles.Values.Where(p => p.Tenant != tenant || p.Id != id), filters, options)
            : this;

    /// <summary>The candidates for an event, sorted by ID (the order CGRateS locks and sorts them in); their filters
    /// still have to be checked.</summary>
    public List<TProfile> Candidates(string tenant, IDataProvider data)
    {
        var result = new List<TProfile>();
        if (!_indexes.TryGetValue(tenant, out var index))
        {
            return result;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        index.Collect(data, ids);
        foreach (var id in ids)
        {
            if (_profiles.TryGetValue((tenant, id), out var profile))
            {
                result.Add(profile);
            }
        }
        result.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return result;
    }
}

/// <summary>Builds <see cref="IndexedProfiles{TProfile}"/>.</summary>
public static class IndexedProfiles
{
    public static IndexedProfiles<TProfile> Empty<TProfile>()
        where TProfile : class, IEventProfile => IndexedProfiles<TProfile>.EmptySet;

    /// <summary>Indexes <paramref name="profiles"/>; a broken filter reference is a <see cref="FilterDefinitionException"/>.</summary>
    public static IndexedProfiles<TProfile> Build<TProfile>(IEnumerable<TProfile> profiles, FilterService filters, FilterIndexOptions options)
        where TProfile : class, IEventProfile
    {
        var byId = new Dictionary<(string, string), TProfile>();
        foreach (var profile in profiles)
        {
            byId[(profile.Tenant, profile.Id)] = profile;
        }
        var builders = new Dictionary<string, FilterIndexBuilder<string>>(StringComparer.Ordinal);
        foreach (var profile in byId.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (!builders.TryGetValue(profile.Tenant, out var builder))
            {
                builders[profile.Tenant] = builder = new FilterIndexBuilder<string>(options);
            }
            builder.Add(profile.Id, profile.Tenant, profile.FilterIds, filters);
        }
        return new IndexedProfiles<TProfile>(byId.ToFrozenDictionary(), builders.ToFrozenDictionary(b => b.Key, b => b.Value.Build()));
    }
}
