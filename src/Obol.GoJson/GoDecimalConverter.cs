using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.GoJson;

/// <summary>
/// Writes a <see cref="decimal"/> the way Go's encoding/json writes the float64 of the same value, and reads JSON
/// numbers as well as strings holding numbers (some CGRateS clients quote them).
/// </summary>
/// <remarks>
/// Up to 15 significant digits survive a float64 unchanged, so the output is Go's. Deliberate difference beyond
/// that: we print every digit of the decimal, where Go prints the nearest float64 (123456789012345678 comes out of
/// Go as 123456789012345680). The decimal is what was charged; float noise would misreport it.
/// </remarks>
public sealed class GoDecimalConverter : JsonConverter<decimal>
{
    // Sign, "0.", six leading zeros and 29 digits is the longest plain form; the exponent form is shorter.
    private const int MaxFormattedLength = 48;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out var number))
                {
                    return number;
                }
                throw new JsonException($"JSON number {RawText(ref reader)} does not fit in a decimal");
            case JsonTokenType.String:
                var text = reader.GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                throw new JsonException($"invalid number \"{text}\"");
            case JsonTokenType.Null:
                // Go leaves a float64 untouched on null; for a freshly decoded value that is zero.
                return 0m;
            default:
                throw new JsonException($"cannot read a number from JSON {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        var length = Format(value, buffer);
        writer.WriteRawValue(buffer[..length], skipInputValidation: true);
    }

    /// <summary>The text Go's encoding/json would write for <paramref name="value"/>: <c>0.1</c>, <c>10</c>, <c>1e-7</c>, <c>1e+21</c>.</summary>
    public static string Format(decimal value)
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        var length = Format(value, buffer);
        return new string(buffer[..length]);
    }

    // CGRateS parity: Go encoding/json floatEncoder — strconv 'f' format with shortest digits, switching to 'e' below
    // 1e-6 and from 1e21 up, then shortening a two-digit negative exponent ("e-07" becomes "e-7").
    private static int Format(decimal value, Span<char> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = unchecked(((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        if (mantissa == 0)
        {
            // Also covers a negative-zero decimal, which is not a distinct value the way float64 -0 is.
            destination[0] = '0';
            return 1;
        }
        var exponent = -((bits[3] >> 16) & 0xFF);
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        Span<char> digitBuffer = stackalloc char[29];
        var start = digitBuffer.Length;
        do
        {
            digitBuffer[--start] = (char)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);
        var digits = digitBuffer[start..];
        var digitCount = digits.Length;

        var n = 0;
        if (bits[3] < 0)
        {
            destination[n++] = '-';
        }
        // Value = 0.d1d2d3... × 10^(pointPosition); scientificExponent is the exponent of d1.
        var scientificExponent = digitCount - 1 + exponent;
        if (scientificExponent is < -6 or >= 21)
        {
            destination[n++] = digits[0];
            if (digitCount > 1)
            {
                destination[n++] = '.';
                digits[1..].CopyTo(destination[n..]);
                n += digitCount - 1;
            }
            destination[n++] = 'e';
            destination[n++] = scientificExponent < 0 ? '-' : '+';
            var magnitude = Math.Abs(scientificExponent);
            // Go pads to two digits, then strips the pad from negative exponents only; decimal's positive exponents are ≥ 21.
            if (magnitude >= 10)
            {
                destination[n++] = (char)('0' + (magnitude / 10));
            }
            destination[n++] = (char)('0' + (magnitude % 10));
            return n;
        }
        if (exponent >= 0)
        {
            digits.CopyTo(destination[n..]);
            n += digitCount;
            destination.Slice(n, exponent).Fill('0');
            return n + exponent;
        }
        var integerDigits = digitCount + exponent;
        if (integerDigits > 0)
        {
            digits[..integerDigits].CopyTo(destination[n..]);
            n += integerDigits;
            destination[n++] = '.';
            digits[integerDigits..].CopyTo(destination[n..]);
            return n + digitCount - integerDigits;
        }
        destination[n++] = '0';
        destination[n++] = '.';
        destination.Slice(n, -integerDigits).Fill('0');
        n += -integerDigits;
        digits.CopyTo(destination[n..]);
        return n + digitCount;
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
}
