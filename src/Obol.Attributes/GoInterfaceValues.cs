using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>
/// The utils.IfaceAs* conversions and utils.StringToInterface as attribute substitutions use them (utils/reflect.go),
/// with <see cref="decimal"/> where Go has float64 and <see cref="ZonedDateTime"/> where Go has a located time.Time.
/// Error texts are Go's, because they reach the API reply as <c>SERVER_ERROR: &lt;text&gt;</c>.
/// </summary>
internal static class GoInterfaceValues
{
    private static readonly OffsetDateTimePattern s_rfc3339 = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<Z+HH:mm>");
    private static readonly OffsetDateTimePattern s_goTimeString = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss;FFFFFFFFF o<+HHmm>");

    /// <summary>utils.StringToInterface: "" stays a string, then int64, bool, float (decimal here), a time
    /// (ParseTimeDetectLayout), a Go duration (time.ParseDuration, so no bare integers), else the string.</summary>
    public static object StringToInterface(string text, DateTimeZone zone, Instant now)
    {
        if (text.Length == 0)
        {
            return text;
        }
        if (TryParseGoInt(text, out var integer))
        {
            return integer;
        }
        if (GoValues.TryParseGoBool(text, out var boolean))
        {
            return boolean;
        }
        if (TryParseGoFloat(text, out var number))
        {
            return number;
        }
        if (GoTime.TryParse(text, zone, now, out var time))
        {
            return time;
        }
        if (TryParseGoDuration(text, out var duration))
        {
            return duration;
        }
        return text;
    }

    /// <summary>utils.IfaceAsString: floats without exponent, durations as Go prints them (-1ns stays <c>-1</c>),
    /// times as RFC3339 in their own zone.</summary>
    public static string AsString(object? value) => value switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        decimal d => FormatFloat(d),
        Usage u => u.Nanoseconds == -1 ? "-1" : u.ToString(),
        ZonedDateTime z => s_rfc3339.Format(z.ToOffsetDateTime()),
        _ => GoValues.AsString(value),
    };

    /// <summary>strconv.FormatFloat(v, 'f', -1, 64) of the decimal: no exponent, no trailing zeros.</summary>
    public static string FormatFloat(decimal value)
    {
        if (value == 0)
        {
            return "0";
        }
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>Go's <c>%+v</c> of a value, for error texts.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "<nil>",
        ZonedDateTime z => $"{s_goTimeString.Format(z.ToOffsetDateTime())} {(z.Zone == DateTimeZone.Utc ? "UTC" : z.Zone.Id)}",
        _ => AsString(value),
    };

    /// <summary>utils.IfaceAsDuration.</summary>
    public static bool TryAsDuration(object? value, out Usage result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = Usage.Zero;
        switch (value)
        {
            case Usage u:
                result = u;
                return true;
            case long l:
                result = new Usage(l);
                return true;
            case int i:
                result = new Usage(i);
                return true;
            case decimal d when d is > -9.2233720368547758E18m and < 9.2233720368547758E18m:
                result = new Usage((long)decimal.Truncate(d));
                return true;
            case string s:
                if (Usage.TryParse(s, out result))
                {
                    return true;
                }
                error = $"time: invalid duration \"{s}\"";
                return false;
            default:
                error = $"cannot convert field: {Describe(value)} to time.Duration";
                return false;
        }
    }

    /// <summary>utils.IfaceAsFloat64: strings ending in s/m/h are Go durations in nanoseconds.</summary>
    public static bool TryAsFloat(object? value, out decimal result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = 0;
        switch (value)
        {
            case decimal d:
                result = d;
                return true;
            case Usage u:
                result = u.Nanoseconds;
                return true;
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case string s when s.EndsWith('s') || s.EndsWith('m') || s.EndsWith('h'):
                if (TryParseGoDuration(s, out var duration))
                {
                    result = duration.Nanoseconds;
                    return true;
                }
                error = $"time: invalid duration \"{s}\"";
                return false;
            case string s:
                if (TryParseGoFloat(s, out result))
                {
                    return true;
                }
                error = $"strconv.ParseFloat: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field: {Describe(value)} to float64";
                return false;
        }
    }

    /// <summary>utils.IfaceAsInt64: a float is refused, not truncated.</summary>
    public static bool TryAsInt64(object? value, out long result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = 0;
        switch (value)
        {
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case Usage u:
                result = u.Nanoseconds;
                return true;
            case string s:
                if (TryParseGoInt(s, out result))
                {
                    return true;
                }
                error = $"strconv.ParseInt: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field: {Describe(value)} to int";
                return false;
        }
    }

    /// <summary>utils.IfaceAsTInt64, which option values go through: floats are truncated.</summary>
    public static bool TryAsTruncatedInt64(object? value, out long result, [NotNullWhen(false)] out string? error)
    {
        if (value is decimal d)
        {
            error = null;
            result = d is > -9.2233720368547758E18m and < 9.2233720368547758E18m ? (long)decimal.Truncate(d) : 0;
            return true;
        }
        if (value is double f)
        {
            error = null;
            result = double.IsFinite(f) && Math.Abs(f) < 9.2e18 ? (long)f : 0;
            return true;
        }
        if (value is long or int or Usage or string)
        {
            return TryAsInt64(value, out result, out error);
        }
        result = 0;
        error = $"cannot convert field<{GoTypeName(value)}>: {Describe(value)} to int";
        return false;
    }

    /// <summary>utils.IfaceAsBool.</summary>
    public static bool TryAsBool(object? value, out bool result, [NotNullWhen(false)] out string? error) =>
        EventValues.TryAsBool(value, out result, out error);

    /// <summary>utils.IfaceAsSliceString: lists of any values, each as a string; a lone string is refused.</summary>
    public static bool TryAsStringList(object? value, out IReadOnlyList<string> result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (value)
        {
            case null:
                result = [];
                return true;
            case IReadOnlyList<string> strings:
                result = strings;
                return true;
            case string:
                result = [];
                error = "cannot convert field: string to []string";
                return false;
            case System.Collections.IEnumerable items:
                var list = new List<string>();
                foreach (var item in items)
                {
                    list.Add(AsString(item));
                }
                result = list;
                return true;
            default:
                result = [];
                error = $"cannot convert field: {GoTypeName(value)} to []string";
                return false;
        }
    }

    /// <summary>strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only.</summary>
    public static bool TryParseGoInt(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>strconv.Atoi.</summary>
    public static bool TryParseGoInt32(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>time.ParseDuration: units are required (only a bare <c>0</c> goes without), unlike
    /// ParseDurationWithNanosecs, which reads a bare integer as nanoseconds.</summary>
    public static bool TryParseGoDuration(string text, out Usage value)
    {
        value = Usage.Zero;
        if (text.Length == 0 || text == Meta.Unlimited)
        {
            return false;
        }
        var digits = text.AsSpan(text[0] is '+' or '-' ? 1 : 0);
        if (!digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            return digits.IndexOfAnyExcept('0') < 0;
        }
        return Usage.TryParse(text, out value);
    }

    /// <summary>strconv.ParseFloat for the numbers a decimal holds; .NET-only forms (thousands separators, blanks)
    /// are refused as Go refuses them. Infinities, NaN and magnitudes beyond decimal are not numbers here.</summary>
    public static bool TryParseGoFloat(string text, out decimal value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string GoTypeName(object? value) => value switch
    {
        null => "<nil>",
        bool => "bool",
        string => "string",
        decimal => "float64",
        long => "int64",
        int => "int",
        System.Collections.IDictionary => "map[string]interface {}",
        System.Collections.IList => "[]interface {}",
        _ => value.GetType().Name,
    };
}
