using System.Text;
using NodaTime;
using Obol.Primitives;

namespace Obol.Attributes;

/// <summary>
/// A data converter of an RSR rule (<c>~*req.Usage{*duration_seconds&amp;*round:2}</c>, utils/dataconverter.go).
/// Obol implements the converters that need no outside data; the rest are refused when the rule is compiled, so a
/// profile never fails on them while an event is processed.
/// </summary>
internal abstract class ValueConverter
{
    /// <summary>utils.NewDataConverter; throws <see cref="FormatException"/> with Go's wording.</summary>
    public static ValueConverter Parse(string definition)
    {
        switch (definition)
        {
            case "*duration_seconds":
                return new DurationScale(Usage.NanosecondsPerSecond);
            case "*duration_minutes":
                return new DurationScale(Usage.NanosecondsPerMinute);
            case "*duration_nanoseconds":
                return new DurationNanoseconds();
            case "*duration":
                return new ToDuration();
            case "*string2hex":
                return new StringToHex();
            case "*unixtime":
                return new UnixTime();
            case "*len":
                return new Length();
            case "*float64":
                return new ToFloat();
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
        throw new FormatException(s_goOnly.Any(definition.StartsWith)
            ? $"converter <{definition}> is not supported by Obol"
            : $"unsupported converter definition: <{definition}>");
    }

    /// <summary>Converts one step; an error is Go's text.</summary>
    public abstract string? Convert(object input, Instant now, out object output);

    // Converters CGRateS has that need libraries or data Obol does not carry (libphonenumber, SIP parsing, ULI...).
    private static readonly string[] s_goOnly =
    [
        "*json", "*duration_fmt", "*ip2hex", "*sipuri_host", "*sipuri_user", "*sipuri_method", "*slice", "*e164Domain", "*e164",
        "*url_decode", "*url_encode", "*libphonenumber", "*time_string", "*datetime", "*random", "*strip", "*conn_status",
        "*gigawords", "*3gpp_uli",
    ];

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
            throw new FormatException("mandatory information missing");
        }
        if (!GoInterfaceValues.TryParseGoFloat(text, out var factor))
        {
            throw new FormatException($"strconv.ParseFloat: parsing \"{text}\": invalid syntax");
        }
        if (divisor && factor == 0)
        {
            // Go would write +Inf into the field; a constant zero divisor is a definition mistake.
            throw new FormatException("*divide converter by zero");
        }
        return factor;
    }

    private sealed class DurationScale(long nanosecondsPerUnit) : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            if (!GoInterfaceValues.TryAsDuration(input, out var usage, out var error))
            {
                return error;
            }
            output = (decimal)usage.Nanoseconds / nanosecondsPerUnit;
            return null;
        }
    }

    private sealed class DurationNanoseconds : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            if (!GoInterfaceValues.TryAsDuration(input, out var usage, out var error))
            {
                return error;
            }
            output = usage.Nanoseconds;
            return null;
        }
    }

    private sealed class ToDuration : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            if (!GoInterfaceValues.TryAsDuration(input, out var usage, out var error))
            {
                return error;
            }
            output = usage;
            return null;
        }
    }

    private sealed class ToFloat : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            if (!GoInterfaceValues.TryAsFloat(input, out var number, out var error))
            {
                return error;
            }
            output = number;
            return null;
        }
    }

    private sealed class StringToHex : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            var hex = System.Convert.ToHexStringLower(Encoding.UTF8.GetBytes(GoInterfaceValues.AsString(input)));
            output = hex.Length == 0 ? hex : "0x" + hex;
            return null;
        }
    }

    private sealed class UnixTime : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            // Go asserts a string here; anything else would panic, an error is kinder.
            if (input is not string text)
            {
                return $"cannot convert field: {GoInterfaceValues.Describe(input)} to time.Time";
            }
            if (!GoTime.TryParse(text, DateTimeZone.Utc, now, out var time))
            {
                return "Unsupported time format";
            }
            output = time.ToInstant().ToUnixTimeSeconds();
            return null;
        }
    }

    private sealed class Length : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            // Go's len of a string counts bytes.
            output = input switch
            {
                string s => (long)Encoding.UTF8.GetByteCount(s),
                System.Collections.ICollection items => (long)items.Count,
                _ => (long)Encoding.UTF8.GetByteCount(GoInterfaceValues.AsString(input)),
            };
            return null;
        }
    }

    private sealed class Scale(decimal factor, bool divide) : ValueConverter
    {
        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            if (!GoInterfaceValues.TryAsFloat(input, out var number, out var error))
            {
                return error;
            }
            try
            {
                output = divide ? number / factor : number * factor;
                return null;
            }
            catch (OverflowException)
            {
                return "value out of range";
            }
        }
    }

    private sealed class Round(int decimals, RoundingMethod method) : ValueConverter
    {
        public static Round Create(string parameters)
        {
            var parts = parameters.Length == 0 ? [] : parameters.Split(':');
            if (parts.Length > 2)
            {
                throw new FormatException($"unsupported *round converter parameters: <{parameters}>");
            }
            var decimals = 0;
            if (parts.Length > 0 && !GoInterfaceValues.TryParseGoInt32(parts[0], out decimals))
            {
                throw new FormatException($"*round converter needs integer as decimals, have: <{parts[0]}>");
            }
            var method = RoundingMethod.Middle;
            if (parts.Length == 2)
            {
                if (!RoundingMethods.IsKnown(parts[1]))
                {
                    throw new FormatException($"unsupported rounding method <{parts[1]}> in *round converter");
                }
                method = RoundingMethods.Parse(parts[1]);
            }
            return new Round(decimals, method);
        }

        public override string? Convert(object input, Instant now, out object output)
        {
            output = "";
            if (!GoInterfaceValues.TryAsFloat(input, out var number, out var error))
            {
                return error;
            }
            output = Rounding.Round(number, decimals, method);
            return null;
        }
    }
}
