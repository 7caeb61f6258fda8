namespace Obol.Filters;

/// <summary>
/// A subsystem's index settings (<c>indexed_selects</c>, <c>string_indexed_fields</c>, <c>prefix_indexed_fields</c>,
/// <c>suffix_indexed_fields</c>, <c>exists_indexed_fields</c>); a null field list means every field, fields are
/// written as the index keys are, e.g. <c>*req.Account</c>.
/// </summary>
public sealed record FilterIndexOptions
{
    public static readonly FilterIndexOptions Default = new();

    public bool IndexedSelects { get; init; } = true;

    public IReadOnlySet<string>? StringIndexedFields { get; init; }

    public IReadOnlySet<string>? PrefixIndexedFields { get; init; }

    public IReadOnlySet<string>? SuffixIndexedFields { get; init; }

    public IReadOnlySet<string>? ExistsIndexedFields { get; init; }

    /// <summary>
    /// CGRateS (MatchingItemIDsForEvent) takes only the items of the longest indexed prefix of a value, so a profile
    /// on prefix <c>10</c> is not a candidate when another is indexed on <c>1001</c>. Off by default: the index then
    /// never misses an item that would pass.
    /// </summary>
    public bool LongestPrefixOnly { get; init; }
}
