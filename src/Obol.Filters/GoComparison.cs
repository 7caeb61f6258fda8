using NodaTime;
using Obol.Primitives;

namespace Obol.Filters;

/// <summary>
/// utils.GreaterThan / utils.EqualTo over what <see cref="GoValues.StringToValue"/> produces: durations compare as
/// their int64 nanoseconds (Go's reflect Kind), mixed numbers as float64, times by instant; strings and bools are
/// incomparable for ordering, as in CGRateS, and that is an error rather than a false.
/// </summary>
public static class GoComparison
{
    public static bool GreaterThan(object item, object other, bool orEqual)
    {
        var (a, b) = Uniform(Basic(item), Basic(other));
        return (a, b) switch
        {
            (long x, long y) => orEqual ? x >= y : x > y,
            (double x, double y) => orEqual ? x >= y : x > y,
            (Instant x, Instant y) => orEqual ? x >= y : x > y,
            _ => throw new FilterEvaluationException($"unsupported comparison type: {TypeName(a)}"),
        };
    }

    public static bool EqualTo(object item, object other)
    {
        var (a, b) = Uniform(Basic(item), Basic(other));
        return (a, b) switch
        {
            (long x, long y) => x == y,
            (double x, double y) => x == y,
            (Instant x, Instant y) => x == y,
            (string x, string y) => x == y,
            _ => throw new FilterEvaluationException($"unsupported comparison type: {TypeName(a)}"),
        };
    }

    private static object Basic(object value) => value switch
    {
        Usage u => u.Nanoseconds,
        int i => (long)i,
        ZonedDateTime z => z.ToInstant(),
        _ => value,
    };

    private static (object, object) Uniform(object a, object b)
    {
        if (a.GetType() != b.GetType())
        {
            a = a is long la ? (double)la : a;
            b = b is long lb ? (double)lb : b;
        }
        if (a.GetType() != b.GetType())
        {
            throw new FilterEvaluationException($"incomparable: <{GoValues.AsString(a)}> with <{GoValues.AsString(b)}>");
        }
        return (a, b);
    }

    private static string TypeName(object value) => value switch
    {
        string => "string",
        bool => "bool",
        _ => value.GetType().Name,
    };
}
