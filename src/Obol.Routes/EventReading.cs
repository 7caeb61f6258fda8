using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Routes;

/// <summary>The utils.IfaceAs* conversions RouteS needs that <see cref="EventValues"/> does not offer, with Go's error texts.</summary>
internal static class EventReading
{
    /// <summary>utils.GetIntPointerOpts: the option through IfaceAsTInt64 (JSON numbers truncate, as a float64 to
    /// int64 conversion does; strings must be integers), else <paramref name="fallback"/>.</summary>
    public static bool TryGetIntOption(CgrEvent ev, string option, int? fallback, out int? value, [NotNullWhen(false)] out string? error)
    {
        value = fallback;
        error = null;
        if (!ev.ApiOpts.TryGetValue(option, out var raw))
        {
            return true;
        }
        if (!TryAsInt64(raw, out var number, out error))
        {
            return false;
        }
        // Go's int is 64-bit; a limit or offset beyond int32 means "all" either way.
        value = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        return true;
    }

    /// <summary>utils.IfaceAsTInt64.</summary>
    public static bool TryAsInt64(object? raw, out long value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = 0;
        switch (raw)
        {
            case long l:
                value = l;
                return true;
            case int i:
                value = i;
                return true;
            case Usage u:
                value = u.Nanoseconds;
                return true;
            case decimal d:
                value = (long)Math.Clamp(decimal.Truncate(d), long.MinValue, long.MaxValue);
                return true;
            case double f when !double.IsNaN(f):
                value = (long)Math.Clamp(Math.Truncate(f), long.MinValue, long.MaxValue);
                return true;
            case string s:
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
                {
                    return true;
                }
                error = $"strconv.ParseInt: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field<{GoTypeName(raw)}>: {(raw is null ? "<nil>" : EventValues.AsString(raw))} to int";
                return false;
        }
    }

    /// <summary>utils.IfaceAsTime: strings through ParseTimeDetectLayout (zone-less layouts in <paramref name="zone"/>).</summary>
    public static bool TryAsInstant(object? raw, DateTimeZone zone, Instant now, out Instant value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = default;
        switch (raw)
        {
            case Instant i:
                value = i;
                return true;
            case ZonedDateTime z:
                value = z.ToInstant();
                return true;
            case OffsetDateTime o:
                value = o.ToInstant();
                return true;
            case DateTimeOffset dto:
                value = Instant.FromDateTimeOffset(dto);
                return true;
            case string s:
                if (GoTime.TryParse(s, zone, now, out var parsed))
                {
                    value = parsed.ToInstant();
                    return true;
                }
                error = "Unsupported time format";
                return false;
            default:
                error = $"cannot convert field: {EventValues.AsString(raw)} to time.Time";
                return false;
        }
    }

    private static string GoTypeName(object? raw) => raw switch
    {
        null => "<nil>",
        bool => "bool",
        _ => raw.GetType().Name,
    };
}
