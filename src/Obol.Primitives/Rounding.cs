namespace Obol.Primitives;

/// <summary>
/// CGRateS's <c>utils.Round</c> (utils/coreutils.go:165) on <see cref="decimal"/>: same branches, same thresholds,
/// without float64 noise. Negative values round towards −∞ under <c>*up</c> and <c>*middle</c>, as in Go, because
/// the fractional part of a negative product is ≤ 0.
/// </summary>
public static class Rounding
{
    private static readonly decimal[] s_powersOfTen = BuildPowers();

    /// <summary>Rounds <paramref name="value"/> to <paramref name="decimals"/> places (negative = tens, hundreds...).</summary>
    public static decimal Round(decimal value, int decimals, RoundingMethod method)
    {
        // A value with no more places than asked has a zero fraction, which every branch leaves untouched.
        if (method == RoundingMethod.None || (decimals >= 0 && value.Scale <= decimals))
        {
            return value;
        }
        if (decimals > 28)
        {
            return value;
        }
        var pow = PowerOfTen(decimals);
        var scaled = value * pow;
        var fraction = scaled - decimal.Truncate(scaled);
        var rounded = method switch
        {
            // CGRateS parity: *up ignores a scaled fraction below 10^-max(7, decimals).
            RoundingMethod.Up => fraction >= PowerOfTen(-Math.Max(7, decimals)) ? decimal.Ceiling(scaled) : decimal.Floor(scaled),
            RoundingMethod.Middle => fraction >= 0.5m ? decimal.Ceiling(scaled) : decimal.Floor(scaled),
            RoundingMethod.Down => decimal.Floor(scaled),
            _ => scaled,
        };
        return rounded / pow;
    }

    private static decimal PowerOfTen(int exponent) =>
        exponent is >= -28 and <= 28 ? s_powersOfTen[exponent + 28] : throw new ArgumentOutOfRangeException(nameof(exponent));

    private static decimal[] BuildPowers()
    {
        var powers = new decimal[57];
        for (var e = -28; e <= 28; e++)
        {
            powers[e + 28] = e >= 0 ? Pow(e) : new decimal(1, 0, 0, false, (byte)-e);
        }
        return powers;

        static decimal Pow(int e)
        {
            var p = 1m;
            for (var i = 0; i < e; i++)
            {
                p *= 10m;
            }
            return p;
        }
    }
}
