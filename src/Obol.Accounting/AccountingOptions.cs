namespace Obol.Accounting;

/// <summary>The accounting knobs (cgrates.json <c>general.rounding_decimals</c> and the <c>rals</c> section).</summary>
public sealed record AccountingOptions
{
    /// <summary><c>general.rounding_decimals</c>: every balance change rounds to it.</summary>
    public int RoundingDecimals { get; init; } = 5;

    /// <summary><c>rals.balance_rating_subject</c>: the zero-rating subject of unit balances without one, by ToR.</summary>
    public IReadOnlyDictionary<string, string> BalanceRatingSubject { get; init; } =
        new Dictionary<string, string> { ["*any"] = "*zero1ns", ["*voice"] = "*zero1s" };

    /// <summary><c>rals.remove_expired</c>.</summary>
    public bool RemoveExpired { get; init; } = true;
}
