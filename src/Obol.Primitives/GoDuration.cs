using System.Globalization;
using System.Text;

namespace Obol.Primitives;

/// <summary>Go <c>time.ParseDuration</c> and <c>Duration.String</c>, exact to the nanosecond.</summary>
internal static class GoDuration
{
    // CGRateS parity: Go time.ParseDuration accepts a signed sequence of decimal numbers each with a unit.
    public static bool TryParse(ReadOnlySpan<char> s, out Usage usage)
    {
        usage = Usage.Zero;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.SequenceEqual("0"))
        {
            return true;
        }
        if (s.IsEmpty)
        {
            return false;
        }
        decimal total = 0;
        while (!s.IsEmpty)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }
            if (i == 0 || !decimal.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            s = s[i..];
            var u = 0;
            while (u < s.Length && !char.IsAsciiDigit(s[u]) && s[u] != '.')
            {
                u++;
            }
            var unit = UnitNanoseconds(s[..u]);
            if (unit == 0)
            {
                return false;
            }
            s = s[u..];
            total += number * unit;
            if (total > long.MaxValue)
            {
                return false;
            }
        }
        // Go truncates fractional nanoseconds.
        var ns = (long)decimal.Truncate(total);
        usage = new Usage(negative ? -ns : ns);
        return true;
    }

    private static long UnitNanoseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1,
        "us" or "µs" or "μs" => Usage.NanosecondsPerMicrosecond,
        "ms" => Usage.NanosecondsPerMillisecond,
        "s" => Usage.NanosecondsPerSecond,
        "m" => Usage.NanosecondsPerMinute,
        "h" => Usage.NanosecondsPerHour,
        _ => 0,
    };

    // CGRateS parity: Go time.Duration.String (src/time/time.go).
    public static string Format(long d)
    {
        if (d == 0)
        {
            return "0s";
        }
        var sb = new StringBuilder(24);
        var negative = d < 0;
        // -(d + 1) + 1 avoids overflowing on long.MinValue.
        var u = negative ? (ulong)(-(d + 1)) + 1 : (ulong)d;
        if (u < (ulong)Usage.NanosecondsPerSecond)
        {
            // Sub-second values use a smaller unit and fractional digits: 1.5ms, 2.048µs, 12ns.
            string unit;
            int precision;
            if (u < (ulong)Usage.NanosecondsPerMicrosecond)
            {
                return (negative ? "-" : "") + u.ToString(CultureInfo.InvariantCulture) + "ns";
            }
            if (u < (ulong)Usage.NanosecondsPerMillisecond)
            {
                unit = "µs";
                precision = 3;
            }
            else
            {
                unit = "ms";
                precision = 6;
            }
            sb.Append(FormatFraction(u, precision)).Append(unit);
        }
        else
        {
            var seconds = FormatFraction(u, 9);
            var whole = u / (ulong)Usage.NanosecondsPerSecond;
            var secPart = seconds;
            if (whole >= 60)
            {
                // Seconds keep the fraction, minutes and hours are whole.
                var frac = seconds.Contains('.', StringComparison.Ordinal) ? seconds[seconds.IndexOf('.', StringComparison.Ordinal)..] : "";
                var s = whole % 60;
                var m = whole / 60;
                secPart = s.ToString(CultureInfo.InvariantCulture) + frac;
                if (m >= 60)
                {
                    sb.Append((m / 60).ToString(CultureInfo.InvariantCulture)).Append('h');
                    m %= 60;
                }
                sb.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
            }
            sb.Append(secPart).Append('s');
        }
        return negative ? "-" + sb : sb.ToString();
    }

    // Integer part of v / 10^precision, then the fraction with trailing zeros dropped.
    private static string FormatFraction(ulong v, int precision)
    {
        ulong pow = 1;
        for (var i = 0; i < precision; i++)
        {
            pow *= 10;
        }
        var whole = v / pow;
        var frac = v % pow;
        if (frac == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }
        var digits = frac.ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + "." + digits;
    }
}
