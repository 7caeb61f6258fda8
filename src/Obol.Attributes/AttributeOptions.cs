using Obol.Filters;

namespace Obol.Attributes;

/// <summary>
/// The cgrates.json <c>"attributes"</c> section (config/attributescfg.go) plus the two <c>"general"</c> settings
/// AttributeS reads. Field lists follow the config: null means every field, an empty set none; paths are written as
/// the index keys are, e.g. <c>*req.Account</c>. Defaults are config_defaults.go's.
/// </summary>
public sealed record AttributeOptions
{
    public static readonly AttributeOptions Default = new();

    private static readonly IReadOnlySet<string> s_none = new HashSet<string>();

    /// <summary><c>indexed_selects</c>: select candidates through the filter indexes; off, every profile of the
    /// tenant and context is a candidate.</summary>
    public bool IndexedSelects { get; init; } = true;

    /// <summary><c>string_indexed_fields</c>; unset in the defaults, so every field.</summary>
    public IReadOnlySet<string>? StringIndexedFields { get; init; }

    /// <summary><c>prefix_indexed_fields</c>; <c>[]</c> in the defaults.</summary>
    public IReadOnlySet<string>? PrefixIndexedFields { get; init; } = s_none;

    /// <summary><c>suffix_indexed_fields</c>; <c>[]</c> in the defaults.</summary>
    public IReadOnlySet<string>? SuffixIndexedFields { get; init; } = s_none;

    /// <summary><c>exists_indexed_fields</c>; <c>[]</c> in the defaults.</summary>
    public IReadOnlySet<string>? ExistsIndexedFields { get; init; } = s_none;

    /// <summary>
    /// <c>nested_fields</c>. CGRateS then only looks up first-level event fields in the indexes unless a field list
    /// names a nested one. Obol's index looks every indexed path up, so a profile on a nested field is a candidate
    /// either way (its filters still decide); the setting is kept for the config round trip.
    /// </summary>
    public bool NestedFields { get; init; }

    /// <summary><c>any_context</c>: profiles of context <c>*any</c> are candidates in every context, not only
    /// when the event's own context has none.</summary>
    public bool AnyContext { get; init; } = true;

    /// <summary><c>opts.*processRuns</c>: how many profiles are applied one after the other.</summary>
    public int ProcessRuns { get; init; } = 1;

    /// <summary><c>opts.*profileRuns</c>: how often one profile may be applied per event; 0 = no limit.</summary>
    public int ProfileRuns { get; init; }

    /// <summary><c>opts.*profileIDs</c>: candidate profiles by ID instead of by index.</summary>
    public IReadOnlyList<string> ProfileIds { get; init; } = [];

    /// <summary><c>opts.*profileIgnoreFilters</c>: with profile IDs given, skip their filters.</summary>
    public bool ProfileIgnoreFilters { get; init; }

    /// <summary><c>opts.*context</c>: the context of events that carry none; null reads as <c>*default</c>.</summary>
    public string? Context { get; init; }

    /// <summary><c>general.default_tenant</c>, for events without a tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary><c>general.rounding_decimals</c>, used by <c>*value_exponent</c>.</summary>
    public int RoundingDecimals { get; init; } = 5;

    public FilterIndexOptions ToIndexOptions() => new()
    {
        IndexedSelects = IndexedSelects,
        StringIndexedFields = StringIndexedFields,
        PrefixIndexedFields = PrefixIndexedFields,
        SuffixIndexedFields = SuffixIndexedFields,
        ExistsIndexedFields = ExistsIndexedFields,
    };
}
