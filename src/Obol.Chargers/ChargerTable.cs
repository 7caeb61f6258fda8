using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.TariffPlans;

namespace Obol.Chargers;

/// <summary>
/// An immutable set of charger profiles indexed per tenant (the shared <see cref="IndexedProfiles{TProfile}"/>).
/// Setting or removing a profile makes a new table, which the service swaps in atomically. The index resolves the
/// stored filters of <see cref="Filters"/>, so a table is rebuilt when the filters change.
/// </summary>
public sealed class ChargerTable
{
    private ChargerTable(IndexedProfiles<ChargerProfile> profiles, FilterService filters, ChargerOptions options)
    {
        Profiles = profiles;
        Filters = filters;
        Options = options;
    }

    public IndexedProfiles<ChargerProfile> Profiles { get; }

    public FilterService Filters { get; }

    public ChargerOptions Options { get; }

    public int Count => Profiles.Count;

    public static ChargerTable Empty(FilterService filters, ChargerOptions? options = null) =>
        new(IndexedProfiles.Empty<ChargerProfile>(), filters, options ?? ChargerOptions.Default);

    /// <summary>A table of compiled profiles; a later profile with the same tenant and ID replaces an earlier one.
    /// Throws <see cref="ChargerDefinitionException"/> listing every broken filter reference.</summary>
    public static ChargerTable Create(IEnumerable<ChargerProfile> profiles, FilterService filters, ChargerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        var problems = new List<string>();
        foreach (var profile in list)
        {
            CheckFilterReferences(profile, filters, problems);
        }
        Throw(problems);
        options ??= ChargerOptions.Default;
        return new ChargerTable(IndexedProfiles.Build(list, filters, options.ToIndexOptions()), filters, options);
    }

    /// <summary>Compiles the Chargers.csv profiles of a tariff plan; every bad profile is reported with its file and line.</summary>
    public static ChargerTable FromTp(IEnumerable<TpChargerProfile> profiles, FilterService filters, ChargerOptions? options,
        DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var compiled = new List<ChargerProfile>();
        var problems = new List<string>();
        foreach (var tp in profiles)
        {
            try
            {
                compiled.Add(ChargerProfile.FromTp(tp, zone, now));
            }
            catch (ChargerDefinitionException e)
            {
                problems.Add(e.Message);
            }
        }
        Throw(problems);
        return Create(compiled, filters, options);
    }

    public ChargerProfile? Find(string tenant, string id) => Profiles.Find(tenant, id);

    /// <summary>The IDs of a tenant's profiles, ordinal order (APIerSv1.GetChargerProfileIDs).</summary>
    public IReadOnlyList<string> Ids(string tenant) => [.. Profiles.OfTenant(tenant).Select(p => p.Id)];

    private static void CheckFilterReferences(ChargerProfile profile, FilterService filters, List<string> problems)
    {
        var where = profile.Location is { } location ? $"{location}: charger profile {profile.TenantId}" : $"charger profile {profile.TenantId}";
        foreach (var id in profile.FilterIds)
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
            throw new ChargerDefinitionException(string.Join(Environment.NewLine, problems));
        }
    }
}
