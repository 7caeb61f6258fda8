using NodaTime;
using Obol.Accounting;
using Obol.Rating;

namespace Obol.Rals;

/// <summary>What RALs reads from cgrates.json: <c>general.rounding_decimals</c>, <c>general.default_timezone</c>, the
/// <c>rals</c> section.</summary>
public sealed record RalsOptions
{
    public int RoundingDecimals { get; init; } = 5;

    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;

    public int MaxIncrements { get; init; } = 1_000_000;

    public int FallbackDepth { get; init; } = 3;

    public bool SubjectPrefixMatching { get; init; }

    public bool RemoveExpired { get; init; } = true;

    public IReadOnlyDictionary<string, string> BalanceRatingSubject { get; init; } =
        new Dictionary<string, string> { ["*any"] = "*zero1ns", ["*voice"] = "*zero1s" };

    internal RatingOptions Rating => new()
    {
        RoundingDecimals = RoundingDecimals,
        MaxIncrements = MaxIncrements,
        FallbackDepth = FallbackDepth,
        SubjectPrefixMatching = SubjectPrefixMatching,
    };

    internal AccountingOptions Accounting => new()
    {
        RoundingDecimals = RoundingDecimals,
        RemoveExpired = RemoveExpired,
        BalanceRatingSubject = BalanceRatingSubject,
    };
}
