using NodaTime;
using Obol.Primitives;

namespace Obol.SessionServer;

/// <summary>
/// utils.SMCostFilter: which stored session costs <c>*remove_session_costs</c> removes, built from filter rules on
/// <c>~*sc.</c> fields (AppendToSMCostFilter): <c>*string</c> and <c>*notstring</c> on CGRID, RunID, OriginHost,
/// OriginID and CostSource; <c>*gte</c> and <c>*lt</c> on Usage and CreatedAt. Every condition given must hold.
/// </summary>
public sealed class SessionCostFilter
{
    private const string Prefix = "~*sc.";

    private readonly Dictionary<string, (List<string> Any, List<string> None)> _fields = new(StringComparer.Ordinal)
    {
        ["CGRID"] = ([], []), ["RunID"] = ([], []), ["OriginHost"] = ([], []), ["OriginID"] = ([], []), ["CostSource"] = ([], []),
    };

    private Usage? _minUsage;
    private Usage? _maxUsage;
    private Instant? _createdFrom;
    private Instant? _createdBefore;

    /// <summary>Adds one rule; the error is CGRateS's when the field or the type is not one a session cost filter takes,
    /// and the rule is then left out.</summary>
    public string? TryAppend(string type, string element, IReadOnlyList<string> values, DateTimeZone zone, Instant now)
    {
        var field = element.StartsWith(Prefix, StringComparison.Ordinal) ? element[Prefix.Length..] : null;
        if (field is not null && _fields.TryGetValue(field, out var lists))
        {
            switch (type)
            {
                case "*string":
                    lists.Any.AddRange(values);
                    return null;
                case "*notstring":
                    lists.None.AddRange(values);
                    return null;
                default:
                    return Unsupported(type, element);
            }
        }
        return field switch
        {
            "Usage" => Bound<Usage>(type, element, values, v => Usage.TryParse(v, out var usage) ? usage : (Usage?)null, u => _minUsage = u, u => _maxUsage = u,
                "time.Duration"),
            // A zero time sets no bound, as in CGRateS.
            "CreatedAt" => Bound<Instant>(type, element, values, v => GoTime.TryParse(v, zone, now, out var time) ? time.ToInstant() : (Instant?)null,
                t => _createdFrom = t == GoTime.Zero.ToInstant() ? null : t, t => _createdBefore = t == GoTime.Zero.ToInstant() ? null : t, "time.Time"),
            _ => $"FieldName: \"{element}\" not supported",
        };
    }

    public bool Matches(SessionCostRecord cost)
    {
        foreach (var (field, (any, none)) in _fields)
        {
            var value = cost.Field(field);
            if ((any.Count > 0 && !any.Contains(value)) || none.Contains(value))
            {
                return false;
            }
        }
        return (_minUsage is not { } min || cost.Usage >= min) && (_maxUsage is not { } max || cost.Usage < max)
            && (_createdFrom is not { } from || cost.CreatedAt >= from) && (_createdBefore is not { } before || cost.CreatedAt < before);
    }

    private static string? Bound<T>(string type, string element, IReadOnlyList<string> values, Func<string, T?> parse, Action<T> from,
        Action<T> before, string goType)
        where T : struct
    {
        if (type is not ("*gte" or "*lt"))
        {
            return Unsupported(type, element);
        }
        if (values.Count == 0 || parse(values[0]) is not { } bound)
        {
            return $"Error when converting field: \"{type}\"  value: \"{element}\" in {goType} ";
        }
        (type == "*gte" ? from : before)(bound);
        return null;
    }

    private static string Unsupported(string type, string element) => $"FilterType: \"{type}\" not supported for FieldName: \"{element}\"";
}

/// <summary>A stored session cost as a filter sees it; fields the document does not hold (it was stored without them)
/// are empty, and its CreatedAt then null.</summary>
public sealed record SessionCostRecord(string CgrId, string RunId, string OriginHost, string OriginId, string CostSource, Usage Usage,
    Instant? CreatedAt)
{
    public string Field(string name) => name switch
    {
        "CGRID" => CgrId,
        "RunID" => RunId,
        "OriginHost" => OriginHost,
        "OriginID" => OriginId,
        _ => CostSource,
    };
}
