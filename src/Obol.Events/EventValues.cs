using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Events;

/// <summary>
/// CGRateS's <c>utils.IfaceAs*</c> conversions (utils/reflect.go) for event values, on decimal instead of float64.
/// Errors carry Go's wording so they read the same in logs.
/// </summary>
public static class EventValues
{
    private static readonly Instant s_goZeroTime = GoTime.Zero.ToInstant();

    /// <summary>IfaceAsFloat64: numbers as they are, durations as nanoseconds, strings ending in s/m/h as Go
    /// durations (so <c>"1m"</c> is 6e10), other strings as numbers.</summary>
    public static bool TryAsDecimal(object? value, out decimal result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = 0;
        switch (value)
        {
            case decimal d:
                result = d;
                return true;
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            case double f when double.IsFinite(f) && Math.Abs(f) < (double)decimal.MaxValue:
                result = (decimal)f;
                return true;
            case Usage u:
                result = u.Nanoseconds;
                return true;
            case string s when s.EndsWith('s') || s.EndsWith('m') || s.EndsWith('h'):
                if (Usage.TryParse(s, out var usage))
                {
                    result = usage.Nanoseconds;
                    return true;
                }
                error = $"time: invalid duration \"{s}\"";
                return false;
            case string s:
                if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out result))
                {
                    return true;
                }
                error = $"strconv.ParseFloat: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field: {AsString(value)} to float64";
                return false;
        }
    }

    /// <summary>IfaceAsDuration: integers are nanoseconds, fractional numbers are truncated to nanoseconds, strings
    /// go through ParseDurationWithNanosecs (bare integer = ns, else a Go duration).</summary>
    public static bool TryAsUsage(object? value, out Usage result, [NotNullWhen(false)] out string? error)
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
            case decimal d when d is >= long.MinValue and <= long.MaxValue:
                result = new Usage((long)decimal.Truncate(d));
                return true;
            case double f when f is >= long.MinValue and < long.MaxValue:
                result = new Usage((long)f);
                return true;
            case Duration nd:
                result = new Usage((long)nd.TotalNanoseconds);
                return true;
            case string s:
                if (Usage.TryParse(s, out result))
                {
                    return true;
                }
                error = $"time: invalid duration \"{s}\"";
                return false;
            default:
                error = $"cannot convert field: {AsString(value)} to time.Duration";
                return false;
        }
    }

    /// <summary>IfaceAsTime: time values as they are, strings through ParseTimeDetectLayout; numbers are refused
    /// (a unix timestamp must come as a string).</summary>
    public static bool TryAsTime(object? value, DateTimeZone zone, Instant now, out Instant result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = s_goZeroTime;
        switch (value)
        {
            case Instant i:
                result = i;
                return true;
            case ZonedDateTime z:
                result = z.ToInstant();
                return true;
            case OffsetDateTime o:
                result = o.ToInstant();
                return true;
            case DateTimeOffset dto:
                result = Instant.FromDateTimeOffset(dto);
                return true;
            case string s:
                if (GoTime.TryParse(s, zone, now, out var parsed))
                {
                    result = parsed.ToInstant();
                    return true;
                }
                error = "Unsupported time format";
                return false;
            default:
                error = $"cannot convert field: {AsString(value)} to time.Time";
                return false;
        }
    }

    /// <summary>IfaceAsBool: strings through strconv.ParseBool, numbers true when positive.</summary>
    public static bool TryAsBool(object? value, out bool result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = false;
        switch (value)
        {
            case bool b:
                result = b;
                return true;
            case decimal d:
                result = d > 0;
                return true;
            case long l:
                result = l > 0;
                return true;
            case int i:
                result = i > 0;
                return true;
            case double f:
                result = f > 0;
                return true;
            case string s:
                if (GoValues.TryParseGoBool(s, out result))
                {
                    return true;
                }
                error = $"strconv.ParseBool: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field: {AsString(value)} to bool";
                return false;
        }
    }

    /// <summary>IfaceAsTInt64: numbers truncated, durations as nanoseconds, strings base-10 only.</summary>
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
            case decimal d when d is >= long.MinValue and <= long.MaxValue:
                result = (long)decimal.Truncate(d);
                return true;
            case double f when f is >= long.MinValue and < long.MaxValue:
                result = (long)f;
                return true;
            case Usage u:
                result = u.Nanoseconds;
                return true;
            case string s:
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
                {
                    return true;
                }
                error = $"strconv.ParseInt: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field<{value?.GetType().Name ?? "<nil>"}>: {AsString(value)} to int";
                return false;
        }
    }

    /// <summary>IfaceAsTime followed by <c>IsZero</c>: whether the value is a time other than Go's zero time.
    /// Strings go through ParseTimeDetectLayout with zone-less layouts read in <paramref name="zone"/>.</summary>
    public static bool TryIsNonZeroTime(object? value, DateTimeZone zone, out bool nonZero, [NotNullWhen(false)] out string? error)
    {
        nonZero = false;
        // Relative layouts (*now, +1h, *daily) never land on year 1, so the reference instant cannot change the only
        // thing asked here: zero or not.
        if (!TryAsTime(value, zone, s_goZeroTime + Duration.FromDays(1_000_000), out var instant, out error))
        {
            return false;
        }
        nonZero = instant != s_goZeroTime;
        return true;
    }

    /// <summary>IfaceAsString: numbers without exponent or trailing zeros, durations as Go durations (-1 stays
    /// <c>-1</c>), times as RFC3339.</summary>
    public static string AsString(object? value) => value switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => GoFloat.Format(d),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Usage u => u.Nanoseconds == -1 ? "-1" : u.ToString(),
        Instant i => i.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
