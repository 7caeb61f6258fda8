using System.Globalization;
using System.Text;

namespace Obol.Console;

/// <summary>Go's float64 texts, built from the shortest round-trip digits both runtimes agree on.</summary>
internal static class GoFloat
{
    /// <summary>encoding/json: positional, exponent form below 1e-6 and from 1e21.</summary>
    public static string Json(double value)
    {
        var abs = Math.Abs(value);
        return abs != 0 && (abs < 1e-6 || abs >= 1e21) ? Exponent(value) : Positional(value);
    }

    /// <summary>fmt's %v (strconv 'g', shortest): exponent form when the decimal exponent is below -4 or from 6.</summary>
    public static string General(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        var (_, exponent) = Digits(value);
        return exponent < -4 || exponent >= 6 ? Exponent(value) : Positional(value);
    }

    private static string Positional(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        var (digits, exponent) = Digits(value);
        var text = new StringBuilder(value < 0 ? "-" : "");
        if (exponent < 0)
        {
            text.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        else if (digits.Length <= exponent + 1)
        {
            text.Append(digits).Append('0', exponent + 1 - digits.Length);
        }
        else
        {
            text.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }
        return text.ToString();
    }

    private static string Exponent(double value)
    {
        var (digits, exponent) = Digits(value);
        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return $"{(value < 0 ? "-" : "")}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    /// <summary>The shortest significant digits and the decimal exponent of the first one.</summary>
    private static (string Digits, int Exponent) Digits(double value)
    {
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        // "R" is the shortest round-trip form; re-read it through "E" layout to get digits and exponent uniformly.
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? "" : mantissa[(dot + 1)..];
        var all = (intPart + fraction).TrimStart('0');
        var leadingZeros = (intPart + fraction).Length - all.Length;
        exponent += intPart.Length - 1 - leadingZeros;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, exponent);
    }
}
