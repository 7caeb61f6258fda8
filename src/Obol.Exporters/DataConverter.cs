using System.Globalization;
using System.Text;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Exporters;

/// <summary>
/// One data converter of a template value (<c>~*req.Usage{*duration_seconds&amp;*round:2}</c>, utils/dataconverter.go).
/// Converters needing outside data (libphonenumber, SIP parsing...) are refused at build time, so an export never
/// fails on them. Numbers come out as decimal so they print as Go's <c>strconv 'f' -1</c> without float noise.
/// </summary>
internal abstract class DataConverter
{
    // Converters CGRateS has that Obol does not carry.
    private static readonly string[] s_unsupported =
    [
        "*json", "*duration_fmt", "*ip2hex", "*sipuri_host", "*sipuri_user", "*sipuri_method", "*slice", "*e164Domain", "*e164",
        "*url_decode", "*url_encode", "*libphonenumber", "*datetime", "*random", "*strip", "*conn_status", "*gigawords", "*3gpp_uli",
    ];

    /// <summary>utils.NewDataConverter; throws <see cref="FormatException"/> with the reason.</summary>
    public static DataConverter Parse(string definition, DateTimeZone localZone)
    {
        switch (definition)
        {
            case "*duration_seconds":
                return new DurationScale(Usage.NanosecondsPerSecond);
            case "*duration_minutes":
                return new DurationScale(Usage.NanosecondsPerMinute);
            case "*duration_nanoseconds":
                return new Func((input, _) => EventValues.TryAsUsage(input, out var u, out var e) ? (u.Nanoseconds, null) : (null, e));
            case "*duration":
                return new Func((input, _) => EventValues.TryAsUsage(input, out var u, out var e) ? (u, null) : (null, e));
            case "*float64":
                return new Func((input, _) => EventValues.TryAsDecimal(input, out var d, out var e) ? (d, null) : (null, e));
            case "*string2hex":
                return new Func((input, _) =>
                {
                    var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(EventValues.AsString(input)));
                    return (hex.Length == 0 ? hex : "0x" + hex, null);
                });
            case "*unixtime":
                return new Func((input, now) => TryTime(input, DateTimeZone.Utc, now, out var t, out var e)
                    ? (t.ToInstant().ToUnixTimeSeconds(), null) : (null, e));
            case "*len":
                // Go's len of a string counts bytes.
                return new Func((input, _) => (input is System.Collections.ICollection items
                    ? items.Count : (long)Encoding.UTF8.GetByteCount(EventValues.AsString(input)), null));
        }
        if (HasPrefix(definition, "*round", out var roundParams))
        {
            return Round.Create(roundParams);
        }
        if (HasPrefix(definition, "*multiply", out var multiplyParams))
        {
            return new Scale(ParseFactor(multiplyParams, divisor: false), divide: false);
        }
        if (HasPrefix(definition, "*divide", out var divideParams))
        {
            return new Scale(ParseFactor(divideParams, divisor: true), divide: true);
        }
        if (HasPrefix(definition, "*timestring", out var timeParams))
        {
            return TimeString.Create(timeParams, localZone);
        }
        throw new FormatException(s_unsupported.Any(definition.StartsWith)
            ? $"converter <{definition}> is not supported by Obol"
            : $"unsupported converter definition: <{definition}>");
    }

    /// <summary>Converts one step; on failure returns false with Go's error text.</summary>
    public abstract bool TryConvert(object? input, Instant now, out object? output, out string? error);

    /// <summary>utils.IfaceAsTime, with zone-less strings read in <paramref name="zone"/>.</summary>
    internal static bool TryTime(object? input, DateTimeZone zone, Instant now, out ZonedDateTime time, out string? error)
    {
        error = null;
        switch (input)
        {
            case ZonedDateTime z:
                time = z;
                return true;
            case Instant i:
                time = i.InUtc();
                return true;
            case OffsetDateTime o:
                time = o.InFixedZone();
                return true;
            case DateTimeOffset dto:
                time = OffsetDateTime.FromDateTimeOffset(dto).InFixedZone();
                return true;
            case string s when GoTime.TryParse(s, zone, now, out time):
                return true;
            case string:
                time = default;
                error = "Unsupported time format";
                return false;
            default:
                time = default;
                error = $"cannot convert field: {EventValues.AsString(input)} to time.Time";
                return false;
        }
    }

    private static bool HasPrefix(string definition, string name, out string parameters)
    {
        parameters = "";
        if (!definition.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }
        // Go takes everything after the name and its separator, whatever that separator is.
        parameters = definition.Length > name.Length ? definition[(name.Length + 1)..] : "";
        return true;
    }

    private static decimal ParseFactor(string text, bool divisor)
    {
        if (text.Length == 0)
        {
            throw new FormatException(ErrorCodes.MandatoryIeMissing);
        }
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor))
        {
            throw new FormatException($"strconv.ParseFloat: parsing \"{text}\": invalid syntax");
        }
        if (divisor && factor == 0)
        {
            // Go would write +Inf into the export; a constant zero divisor is a template mistake.
            throw new FormatException("*divide converter by zero");
        }
        return factor;
    }

    private sealed class Func(Func<object?, Instant, (object? Output, string? Error)> convert) : DataConverter
    {
        public override bool TryConvert(object? input, Instant now, out object? output, out string? error)
        {
            (output, error) = convert(input, now);
            return error is null;
        }
    }

    private sealed class DurationScale(long nanosecondsPerUnit) : DataConverter
    {
        public override bool TryConvert(object? input, Instant now, out object? output, out string? error)
        {
            output = null;
            if (!EventValues.TryAsUsage(input, out var usage, out error))
            {
                return false;
            }
            output = (decimal)usage.Nanoseconds / nanosecondsPerUnit;
            return true;
        }
    }

    private sealed class Scale(decimal factor, bool divide) : DataConverter
    {
        public override bool TryConvert(object? input, Instant now, out object? output, out string? error)
        {
            output = null;
            if (!EventValues.TryAsDecimal(input, out var number, out error))
            {
                return false;
            }
            try
            {
                output = divide ? number / factor : number * factor;
                return true;
            }
            catch (OverflowException)
            {
                error = "value out of range";
                return false;
            }
        }
    }

    private sealed class Round(int decimals, RoundingMethod method) : DataConverter
    {
        public static Round Create(string parameters)
        {
            var parts = parameters.Length == 0 ? [] : parameters.Split(':');
            if (parts.Length > 2)
            {
                throw new FormatException($"unsupported *round converter parameters: <{parameters}>");
            }
            var decimals = 0;
            if (parts.Length > 0 && !int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimals))
            {
                throw new FormatException($"*round converter needs integer as decimals, have: <{parts[0]}>");
            }
            var method = RoundingMethod.Middle;
            if (parts.Length == 2)
            {
                method = parts[1] switch
                {
                    "*up" => RoundingMethod.Up,
                    "*down" => RoundingMethod.Down,
                    "*middle" => RoundingMethod.Middle,
                    _ => throw new FormatException($"unsupported rounding method <{parts[1]}> in *round converter"),
                };
            }
            return new Round(decimals, method);
        }

        public override bool TryConvert(object? input, Instant now, out object? output, out string? error)
        {
            output = null;
            if (!EventValues.TryAsDecimal(input, out var number, out error))
            {
                return false;
            }
            output = Rounding.Round(number, decimals, method);
            return true;
        }
    }

    /// <summary><c>*timestring:ZONE:LAYOUT</c>; no zone is "Local", no layout is Go's time.DateTime.</summary>
    private sealed class TimeString(DateTimeZone zone, string layout) : DataConverter
    {
        public static TimeString Create(string parameters, DateTimeZone localZone)
        {
            var zoneName = "Local";
            var layout = "2006-01-02 15:04:05";
            if (parameters.Length != 0)
            {
                var values = parameters.Split(':', 2);
                if (values[0].Length != 0)
                {
                    zoneName = values[0];
                }
                if (values.Length > 1 && values[1].Length != 0)
                {
                    layout = values[1];
                }
            }
            if (!ZoneNames.TryResolve(zoneName, localZone, out var zone))
            {
                throw new FormatException($"unknown time zone {zoneName}");
            }
            return new TimeString(zone, layout);
        }

        public override bool TryConvert(object? input, Instant now, out object? output, out string? error)
        {
            output = null;
            // ParseTimeDetectLayout(val, "") reads zone-less strings as UTC.
            if (input is not (string or Instant or ZonedDateTime or OffsetDateTime or DateTimeOffset))
            {
                error = "*localtime converter: unsupported input";
                return false;
            }
            if (!TryTime(input, DateTimeZone.Utc, now, out var time, out error))
            {
                return false;
            }
            output = GoTimeFormat.Format(time.ToInstant().InZone(zone), layout);
            return true;
        }
    }
}
