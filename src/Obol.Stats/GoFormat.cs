using System.Globalization;

namespace Obol.Stats;

/// <summary>The two ways CGRateS prints metric floats, on decimals.</summary>
internal static class GoFormat
{
    /// <summary><c>strconv.FormatFloat(v, 'f', -1, 64)</c>: never an exponent, no trailing zeros.</summary>
    public static string Plain(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary><c>fmt.Sprintf("%v", v)</c>: shortest digits, switching to <c>1e-05</c> form below 1e-4 and from 1e21.</summary>
    public static string Shortest(decimal value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude == 0 || (magnitude >= 0.0001m && magnitude < 1e21m))
        {
            return Plain(value);
        }
        var plain = Plain(magnitude);
        var digits = plain.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        int exponent;
        if (magnitude < 1)
        {
            var fraction = plain[2..];
            exponent = -(fraction.Length - fraction.TrimStart('0').Length + 1);
        }
        else
        {
            exponent = plain.Split('.')[0].Length - 1;
        }
        var mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..].TrimEnd('0') : digits;
        mantissa = mantissa.TrimEnd('.');
        var sign = value < 0 ? "-" : "";
        var expSign = exponent < 0 ? "-" : "+";
        return $"{sign}{mantissa}e{expSign}{Math.Abs(exponent):00}";
    }
}
