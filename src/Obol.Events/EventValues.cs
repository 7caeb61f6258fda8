using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
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

    /// <summary>IfaceAsTime followed by <c>IsZero</c>: whether the value is a time other than Go's zero time.
    /// Strings go through ParseTimeDetectLayout with zone-less layouts read in <paramref name="zone"/>.</summary>
    public static bool TryIsNonZeroTime(object? value, DateTimeZone zone, out bool nonZero, [NotNullWhen(false)] out string? error)
    {
        error = null;
        nonZero = false;
        Instant instant;
        switch (value)
        {
            case Instant i:
                instant = i;
                break;
            case ZonedDateTime z:
                instant = z.ToInstant();
                break;
            case OffsetDateTime o:
                instant = o.ToInstant();
                break;
            case DateTimeOffset dto:
                instant = Instant.FromDateTimeOffset(dto);
                break;
            case string s:
                // Relative layouts (*now, +1h, *daily) never land on year 1, so the reference instant cannot change
                // the only thing asked here: zero or not.
                if (!GoTime.TryParse(s, zone, s_goZeroTime + Duration.FromDays(1_000_000), out var parsed))
                {
                    error = "Unsupported time format";
                    return false;
                }
                instant = parsed.ToInstant();
                break;
            default:
                error = $"cannot convert field: {AsString(value)} to time.Time";
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
