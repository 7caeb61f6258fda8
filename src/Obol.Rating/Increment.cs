using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// A compressed run of equal increments: <see cref="CompressFactor"/> increments of <see cref="Duration"/> each costing
/// <see cref="Cost"/> (CGRateS Increment after Compress). <see cref="BalanceInfo"/> says which balances paid, once
/// accounts debit it; rating alone leaves it null.
/// </summary>
public struct Increment(Usage duration, decimal cost, int compressFactor, DebitInfo? balanceInfo = null)
{
    public Usage Duration { get; set; } = duration;
    public decimal Cost { get; set; } = cost;
    public int CompressFactor { get; set; } = compressFactor;
    public DebitInfo? BalanceInfo { get; set; } = balanceInfo;

    /// <summary>Cost × CompressFactor (CGRateS parity: Increment.GetCost).</summary>
    public readonly decimal TotalCost => Cost * CompressFactor;

    /// <summary>CGRateS parity: Increment.Equal ignores the compress factor.</summary>
    public readonly bool SameAs(in Increment other) =>
        Duration == other.Duration && Cost == other.Cost && DebitInfo.AreEqual(BalanceInfo, other.BalanceInfo);
}

/// <summary>
/// Which balances paid an increment (CGRateS DebitInfo), filled by the accounting debit. Immutable, so consecutive
/// increments paid the same way share one instance; equality is CGRateS's DebitInfo.Equal (balance values excluded).
/// </summary>
public sealed record DebitInfo(UnitDebit? Unit, MonetaryDebit? Monetary, string AccountId)
{
    public static bool AreEqual(DebitInfo? a, DebitInfo? b) => a is null ? b is null : a.Equals(b);
}

/// <summary>Units taken from a unit balance: <see cref="Consumed"/> = usage × <see cref="Factor"/>.</summary>
public sealed record UnitDebit(string Uuid, string Id, string DestinationId, decimal Consumed, decimal Factor, string Category,
    string ToR, RateInterval? RateInterval);

/// <summary>Money taken from a monetary balance (the increment's Cost).</summary>
public sealed record MonetaryDebit(string Uuid, string Id, RateInterval? RateInterval);
