namespace Obol.Primitives;

/// <summary>
/// A <see cref="decimal"/> written as Go writes the float64 of the same value (encoding/json, <c>%v</c>): shortest
/// digits, plain between 1e-6 and 1e21, <c>1e-7</c> / <c>1e+21</c> outside. Every digit of the decimal is kept where
/// Go would print float noise beyond 15 significant digits: the decimal is what was charged.
/// </summary>
public static class GoFloat
{
    /// <summary>Sign, "0.", six leading zeros and 29 digits is the longest plain form; the exponent form is shorter.</summary>
    public const int MaxLength = 48;

    public static string Format(decimal value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Format(value, buffer)]);
    }

    /// <summary>Writes the text into <paramref name="destination"/> (at least <see cref="MaxLength"/> long) and returns its length.</summary>
    public static int Format(decimal value, Span<char> destination)
    {
        // CGRateS parity: Go encoding/json floatEncoder — strconv 'f' format with shortest digits, switching to 'e'
        // below 1e-6 and from 1e21 up, then shortening a two-digit negative exponent ("e-07" becomes "e-7").
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
        Span<char> digitBuffer = stackalloc char[29];
        // Money fits in 64 bits almost always, and UInt128 division is done in software.
        var start = mantissa <= ulong.MaxValue
            ? Digits((ulong)mantissa, ref exponent, digitBuffer)
            : Digits(mantissa, ref exponent, digitBuffer);
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

    private static int Digits(ulong mantissa, ref int exponent, Span<char> buffer)
    {
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        var start = buffer.Length;
        do
        {
            buffer[--start] = (char)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);
        return start;
    }

    private static int Digits(UInt128 mantissa, ref int exponent, Span<char> buffer)
    {
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        var start = buffer.Length;
        do
        {
            buffer[--start] = (char)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);
        return start;
    }
}
