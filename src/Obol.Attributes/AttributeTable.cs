using NodaTime;
using Obol.Filters;
using Obol.TariffPlans;

namespace Obol.Attributes;

/// <summary>
/// An immutable set of attribute profiles with their filter indexes, one per tenant and context (CGRateS keys
/// attribute indexes by <c>tenant:context</c>). Loading, setting or removing a profile makes a new table, which the
/// service swaps in atomically; events in flight keep the table they started with. The indexes resolve the stored
/// filters of <see cref="Filters"/>, so a table is rebuilt when the filters change.
/// </summary>
public sealed class AttributeTable
{
    private readonly Dictionary<(string Tenant, string Id), AttributeProfile> _profiles;
    private readonly Dictionary<(string Tenant, string Context), FilterIndex<AttributeProfile>> _indexes;

    private AttributeTable(Dictionary<(string Tenant, string Id), AttributeProfile> profiles,
        Dictionary<(string Tenant, string Context), FilterIndex<AttributeProfile>> indexes, FilterService filters, AttributeOptions options)
    {
        _profiles = profiles;
        _indexes = indexes;
        Filters = filters;
        Options = options;
        MaxAttributeCount = profiles.Count == 0 ? 0 : Math.Min(profiles.Values.Max(p => p.Attributes.Count), 16);
    }

    public FilterService Filters { get; }

    public AttributeOptions Options { get; }

    public int Count => _profiles.Count;

    /// <summary>The most attributes one profile has (capped): room to reserve in an event copy.</summary>
    internal int MaxAttributeCount { get; }

    public IEnumerable<AttributeProfile> Profiles => _profiles.Values;

    public static AttributeTable Empty(FilterService filters, AttributeOptions? options = null) =>
        new([], [], filters, options ?? AttributeOptions.Default);

    /// <summary>A table of compiled profiles; a later profile with the same tenant and ID replaces an earlier one.
    /// Throws <see cref="AttributeDefinitionException"/> listing every profile with a broken filter reference.</summary>
    public static AttributeTable Create(IEnumerable<AttributeProfile> profiles, FilterService filters, AttributeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var byKey = new Dictionary<(string Tenant, string Id), AttributeProfile>();
        foreach (var profile in profiles)
        {
            byKey[(profile.Tenant, profile.Id)] = profile;
        }
        options ??= AttributeOptions.Default;
        var problems = new List<string>();
        foreach (var profile in byKey.Values)
        {
            CheckFilterReferences(profile, filters, problems);
        }
        Throw(problems);
        return new AttributeTable(byKey, BuildIndexes(byKey.Values, filters, options), filters, options);
    }

    /// <summary>Compiles the Attributes.csv profiles of a tariff plan; every bad profile is reported, each with its
    /// file and line.</summary>
    public static AttributeTable FromTp(IEnumerable<TpAttributeProfile> profiles, FilterService filters, AttributeOptions? options,
        DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var compiled = new List<AttributeProfile>();
        var problems = new List<string>();
        foreach (var tp in profiles)
        {
            try
            {
                compiled.Add(AttributeProfile.FromTp(tp, zone, now));
            }
            catch (AttributeDefinitionException e)
            {
                problems.Add(e.Message);
            }
        }
        Throw(problems);
        return Create(compiled, filters, options);
    }

    public AttributeProfile? Find(string tenant, string id) => _profiles.GetValueOrDefault((tenant, id));

    /// <summary>The IDs of a tenant's profiles, ordinal order (APIerSv1.GetAttributeProfileIDs).</summary>
    public IReadOnlyList<string> Ids(string tenant) =>
        [.. _profiles.Keys.Where(k => k.Tenant == tenant).Select(k => k.Id).Order(StringComparer.Ordinal)];

    /// <summary>The index keys of the tenant's profiles for <paramref name="context"/>, with the ids under each.</summary>
    public IEnumerable<(string Key, IReadOnlyList<string> Items)> IndexKeys(string tenant, string context) =>
        _indexes.TryGetValue((tenant, context), out var index)
            ? index.Keys().Select(k => (k.Key, (IReadOnlyList<string>)[.. k.Items.Select(p => p.Id)]))
            : [];

    internal FilterIndex<AttributeProfile>? IndexFor(string tenant, string context) =>
        _indexes.GetValueOrDefault((tenant, context));

    /// <summary>Indexes every profile under each of its contexts.</summary>
    private static Dictionary<(string Tenant, string Context), FilterIndex<AttributeProfile>> BuildIndexes(
        IEnumerable<AttributeProfile> profiles, FilterService filters, AttributeOptions options)
    {
        var indexOptions = options.ToIndexOptions();
        var builders = new Dictionary<(string Tenant, string Context), FilterIndexBuilder<AttributeProfile>>();
        foreach (var profile in profiles)
        {
            foreach (var context in profile.Contexts.Distinct(StringComparer.Ordinal))
            {
                var key = (profile.Tenant, context);
                if (!builders.TryGetValue(key, out var builder))
                {
                    builders[key] = builder = new FilterIndexBuilder<AttributeProfile>(indexOptions);
                }
                // References were checked before, so this resolves.
                builder.Add(profile, profile.Tenant, profile.FilterIds, filters);
            }
        }
        return builders.ToDictionary(p => p.Key, p => p.Value.Build());
    }

    /// <summary>CGRateS refuses a profile whose stored filters do not exist (broken reference), for the profile's
    /// filters and for each attribute's.</summary>
    private static void CheckFilterReferences(AttributeProfile profile, FilterService filters, List<string> problems)
    {
        var where = profile.Location is { } location
            ? $"{location}: attribute profile {profile.TenantId}"
            : $"attribute profile {profile.TenantId}";
        foreach (var id in profile.FilterIds.Concat(profile.Attributes.SelectMany(a => a.FilterIds)))
        {
            if (filters.Resolve(profile.Tenant, id, out var error) is null)
            {
                problems.Add($"{where}: broken reference to filter <{id}>: {error}");
            }
        }
    }

    private static void Throw(List<string> problems)
    {
        if (problems.Count != 0)
        {
            throw new AttributeDefinitionException(string.Join(Environment.NewLine, problems));
        }
    }
}
