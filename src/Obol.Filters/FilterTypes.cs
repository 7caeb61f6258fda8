namespace Obol.Filters;

/// <summary>The <c>*type</c> names of utils/consts.go and how a rule's type string maps to a kind.</summary>
public static class FilterTypes
{
    public const string NotPrefix = "*not";

    private static readonly Dictionary<string, FilterKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["*string"] = FilterKind.String,
        ["*contains"] = FilterKind.Contains,
        ["*prefix"] = FilterKind.Prefix,
        ["*suffix"] = FilterKind.Suffix,
        ["*empty"] = FilterKind.Empty,
        ["*exists"] = FilterKind.Exists,
        ["*timings"] = FilterKind.Timings,
        ["*destinations"] = FilterKind.Destinations,
        ["*rsr"] = FilterKind.Rsr,
        ["*gt"] = FilterKind.GreaterThan,
        ["*gte"] = FilterKind.GreaterOrEqual,
        ["*lt"] = FilterKind.LessThan,
        ["*lte"] = FilterKind.LessOrEqual,
        ["*eq"] = FilterKind.Equal,
        ["*ipnet"] = FilterKind.IpNet,
        ["*apiban"] = FilterKind.ApiBan,
        ["*sentrypeer"] = FilterKind.SentryPeer,
        ["*ai"] = FilterKind.ActivationInterval,
        ["*regex"] = FilterKind.Regex,
    };

    /// <summary>
    /// Splits <paramref name="type"/> into its kind and negation; the <c>*ni</c> forms (not indexed) of *string,
    /// *prefix, *suffix and *exists are the same tests kept out of the indexes. Null with a reason when unsupported.
    /// </summary>
    public static string? TryResolve(string type, out FilterKind kind, out bool negated, out bool indexable)
    {
        negated = false;
        indexable = true;
        var name = type;
        if (type.StartsWith("*http#", StringComparison.Ordinal))
        {
            kind = FilterKind.Http;
            return null;
        }
        if (type.StartsWith(NotPrefix, StringComparison.Ordinal))
        {
            negated = true;
            name = "*" + type[NotPrefix.Length..];
        }
        else if (type is "*nistring" or "*niprefix" or "*nisuffix" or "*niexists")
        {
            indexable = false;
            name = "*" + type[3..];
        }
        if (!s_kinds.TryGetValue(name, out kind))
        {
            return $"unsupported filter type: {type}";
        }
        if (negated && kind is FilterKind.GreaterThan or FilterKind.GreaterOrEqual or FilterKind.LessThan or FilterKind.LessOrEqual)
        {
            // CGRateS accepts these when storing and answers NOT_IMPLEMENTED on every event: refuse them up front.
            return $"unsupported filter type: {type} (negate the comparison instead)";
        }
        return null;
    }

    /// <summary>Types whose rules need no values (engine/filters.go needsValues).</summary>
    public static bool NeedsValues(FilterKind kind) => kind is not (FilterKind.Empty or FilterKind.Exists or FilterKind.Http);
}
