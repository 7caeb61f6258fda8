using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>The utils.IfaceAs* conversions AsCDR needs beyond <see cref="EventValues"/>, with Go's error texts.</summary>
internal static class CdrValues
{
    /// <summary>IfaceAsTime: time values as they are, strings through ParseTimeDetectLayout; numbers are refused
    /// (a unix timestamp must come as a string).</summary>
    public static bool TryAsTime(object? value, DateTimeZone zone, Instant now, out Instant result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        result = Cdr.ZeroTime;
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
                error = $"cannot convert field: {EventValues.AsString(value)} to time.Time";
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
                switch (s)
                {
                    case "1" or "t" or "T" or "TRUE" or "true" or "True":
                        result = true;
                        return true;
                    case "0" or "f" or "F" or "FALSE" or "false" or "False":
                        return true;
                }
                error = $"strconv.ParseBool: parsing \"{s}\": invalid syntax";
                return false;
            default:
                error = $"cannot convert field: {EventValues.AsString(value)} to bool";
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
                error = $"cannot convert field<{value?.GetType().Name ?? "<nil>"}>: {EventValues.AsString(value)} to int";
                return false;
        }
    }

    /// <summary>IfaceAsEventCost: a JSON string or a decoded map becomes the EventCost's JSON text; null stays null.</summary>
    public static bool TryAsCostDetails(object? value, out string? json, [NotNullWhen(false)] out string? error)
    {
        error = null;
        json = null;
        switch (value)
        {
            case null:
                return true;
            case string s:
                try
                {
                    using var document = JsonDocument.Parse(s);
                    if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        error = $"JSON cannot unmarshal to *EventCost, err: json: cannot unmarshal {document.RootElement.ValueKind.ToString().ToLowerInvariant()} into Go value of type engine.EventCost";
                        return false;
                    }
                    json = document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.GetRawText();
                    return true;
                }
                catch (JsonException e)
                {
                    error = $"JSON cannot unmarshal to *EventCost, err: {e.Message}";
                    return false;
                }
            case IEnumerable<KeyValuePair<string, object?>> map:
                json = JsonValues.Write(writer => JsonValues.WriteValue(writer, map));
                return true;
            default:
                error = $"not convertible : from: {value.GetType().Name} to:*EventCost";
                return false;
        }
    }
}
