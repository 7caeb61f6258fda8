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

/// <summary>Which balances paid an increment; filled by the accounting debit.</summary>
public sealed class DebitInfo
{
    public string? UnitBalanceUuid { get; set; }
    public string? MonetaryBalanceUuid { get; set; }
    public string AccountId { get; set; } = "";

    public static bool AreEqual(DebitInfo? a, DebitInfo? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.UnitBalanceUuid == b.UnitBalanceUuid
            && a.MonetaryBalanceUuid == b.MonetaryBalanceUuid && a.AccountId == b.AccountId);
}
