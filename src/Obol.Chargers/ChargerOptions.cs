using Obol.Filters;

namespace Obol.Chargers;

/// <summary>
/// The cgrates.json <c>"chargers"</c> section (config/chargerscfg.go) plus general.default_tenant. Field lists:
/// null means every field, an empty set none; defaults are config_defaults.go's. <c>attributes_conns</c> is the
/// <see cref="Attributes.AttributeService"/> handed to <see cref="ChargerService"/>.
/// </summary>
public sealed record ChargerOptions
{
    public static readonly ChargerOptions Default = new();

    private static readonly IReadOnlySet<string> s_none = new HashSet<string>();

    public bool IndexedSelects { get; init; } = true;

    public IReadOnlySet<string>? StringIndexedFields { get; init; }

    public IReadOnlySet<string>? PrefixIndexedFields { get; init; } = s_none;

    public IReadOnlySet<string>? SuffixIndexedFields { get; init; } = s_none;

    public IReadOnlySet<string>? ExistsIndexedFields { get; init; } = s_none;

    /// <summary><c>nested_fields</c>: kept for the config round trip; Obol's index looks every indexed path up.</summary>
    public bool NestedFields { get; init; }

    /// <summary><c>general.default_tenant</c>, for events without a tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    public FilterIndexOptions ToIndexOptions() => new()
    {
        IndexedSelects = IndexedSelects,
        StringIndexedFields = StringIndexedFields,
        PrefixIndexedFields = PrefixIndexedFields,
        SuffixIndexedFields = SuffixIndexedFields,
        ExistsIndexedFields = ExistsIndexedFields,
    };
}
