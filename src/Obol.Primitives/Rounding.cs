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
        return decimals >= 0 ? RoundAtPlaces(value, decimals, method) : RoundByScaling(value, decimals, method);
    }

    /// <summary>utils.Round's own steps: scale up by 10^decimals, take floor or ceiling, scale back down.</summary>
    internal static decimal RoundByScaling(decimal value, int decimals, RoundingMethod method)
    {
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

    /// <summary>
    /// The same branches without scaling the value up and back down: the part past <paramref name="decimals"/> places
    /// (same sign as the value) decides, and one unit in the last place is added or taken away. Equivalent to the
    /// general path for decimals ≥ 0, and free of its two decimal divisions on the hot rating path.
    /// </summary>
    private static decimal RoundAtPlaces(decimal value, int decimals, RoundingMethod method)
    {
        var truncated = decimal.Round(value, decimals, MidpointRounding.ToZero);
        var remainder = value - truncated;
        if (remainder == 0)
        {
            return truncated;
        }
        var unit = PowerOfTen(-decimals);
        var roundUp = remainder > 0 && method switch
        {
            // The scaled fraction remainder × 10^decimals is compared with 10^-max(7, decimals) and 0.5.
            // Past 28 places the threshold is below decimal's resolution, so any fraction reaches it.
            RoundingMethod.Up => Math.Max(7, decimals) + decimals > 28 || remainder >= PowerOfTen(-(Math.Max(7, decimals) + decimals)),
            RoundingMethod.Middle => remainder >= 5 * PowerOfTen(-(decimals + 1)),
            _ => false,
        };
        if (roundUp)
        {
            return truncated + unit;
        }
        // Floor: a negative value with a fraction goes one unit further from zero.
        return remainder < 0 ? truncated - unit : truncated;
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
