using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Obol.Primitives;

namespace Obol.Filters;

/// <summary>utils.IfaceAsString and utils.StringToInterface: how CGRateS turns event values into strings and back.</summary>
public static class GoValues
{
    private static readonly OffsetDateTimePattern s_rfc3339 =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<Z+HH:mm>");

    /// <summary>utils.IfaceAsString; a string value is returned as is, so string fields cost no allocation.</summary>
    public static string AsString(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        float f => FormatFloat(f),
        decimal m => GoFloat.Format(m),
        Usage u => u.ToString(),
        Duration d => new Usage(checked((long)d.TotalNanoseconds)).ToString(),
        TimeSpan t => new Usage(checked(t.Ticks * 100)).ToString(),
        ZonedDateTime z => s_rfc3339.Format(z.ToOffsetDateTime()),
        OffsetDateTime o => s_rfc3339.Format(o),
        Instant i => s_rfc3339.Format(i.WithOffset(Offset.Zero)),
        DateTimeOffset dto => s_rfc3339.Format(OffsetDateTime.FromDateTimeOffset(dto)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent.</summary>
    public static string FormatFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('E', StringComparison.Ordinal))
        {
            return text;
        }
        return Math.Abs(value) < 7.9e28 ? ((decimal)value).ToString(CultureInfo.InvariantCulture) : value.ToString("F0", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// utils.StringToInterface: "" stays a string, then int64, bool (strconv.ParseBool), float64, a time
    /// (ParseTimeDetectLayout in <paramref name="zone"/>), a Go duration, else the string.
    /// </summary>
    public static object StringToValue(string text, DateTimeZone zone, Instant now)
    {
        if (text.Length == 0)
        {
            return text;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }
        if (TryParseGoBool(text, out var b))
        {
            return b;
        }
        if (TryParseGoFloat(text, out var d))
        {
            return d;
        }
        if (GoTime.TryParse(text, zone, now, out var time))
        {
            return time.ToInstant();
        }
        if (Usage.TryParse(text, out var usage))
        {
            return usage;
        }
        return text;
    }

    /// <summary>strconv.ParseBool's accepted spellings.</summary>
    public static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool TryParseGoFloat(string text, out double value)
    {
        value = 0;
        // .NET accepts forms Go rejects (thousands separators, surrounding blanks); keep to Go's digits.
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                return text is "Inf" or "+Inf" or "-Inf" or "NaN" && double.TryParse(
                    text.Replace("Inf", "Infinity", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            }
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
