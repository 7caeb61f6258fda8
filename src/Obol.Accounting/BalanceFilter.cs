using NodaTime;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// The balance part of an action or trigger (CGRateS BalanceFilter): every field is optional; a set field selects
/// (MatchFilter), compares exactly (HardMatchFilter) or is copied onto a balance (ModifyBalance).
/// </summary>
public sealed record BalanceFilter
{
    public string? Uuid { get; init; }
    public string? ID { get; init; }
    public string? Type { get; init; }
    public decimal? Value { get; init; }
    public Instant? ExpirationDate { get; init; }
    public bool ExpirationDateSet { get; init; }
    public decimal? Weight { get; init; }
    public StringMap? DestinationIDs { get; init; }
    public string? RatingSubject { get; init; }
    public StringMap? Categories { get; init; }
    public StringMap? SharedGroups { get; init; }
    public StringMap? TimingIDs { get; init; }

    /// <summary>The timings <see cref="TimingIDs"/> name, resolved when the plan was loaded; copied onto balances the
    /// filter creates or modifies.</summary>
    public IReadOnlyList<Timing>? Timings { get; init; }

    public bool? Disabled { get; init; }
    public Dictionary<string, decimal>? Factors { get; init; }
    public bool? Blocker { get; init; }

    public string TypeOrEmpty => Type ?? "";

    /// <summary>CGRateS parity: Balance.MatchFilter — ids short-circuit, set lists must be included.</summary>
    public bool Matches(Balance b, string balanceType, bool skipIds = false, bool skipExpiry = false)
    {
        if (balanceType.Length > 0 && !string.IsNullOrEmpty(Type) && balanceType != Type)
        {
            return false;
        }
        if (!skipIds && !string.IsNullOrEmpty(Uuid))
        {
            return b.Uuid == Uuid;
        }
        if (!skipIds && !string.IsNullOrEmpty(ID))
        {
            return b.ID == ID;
        }
        if (!skipExpiry && ExpirationDateSet && b.ExpirationDate != ExpirationDate)
        {
            return false;
        }
        return (Weight is null || b.Weight == Weight) && (Blocker is null || b.Blocker == Blocker)
            && (Disabled is null || b.Disabled == Disabled)
            && (DestinationIDs is null || b.DestinationIDs.Includes(DestinationIDs))
            && (Categories is null || b.Categories.Includes(Categories))
            && (TimingIDs is null || b.TimingIDs.Includes(TimingIDs))
            && (SharedGroups is null || b.SharedGroups.Includes(SharedGroups))
            && (RatingSubject is null || b.RatingSubject == RatingSubject);
    }

    /// <summary>CGRateS parity: Balance.HardMatchFilter — exact equality on every set field.</summary>
    public bool MatchesExactly(Balance b, bool skipIds = false)
    {
        if (!skipIds && !string.IsNullOrEmpty(Uuid))
        {
            return b.Uuid == Uuid;
        }
        if (!skipIds && !string.IsNullOrEmpty(ID))
        {
            return b.ID == ID;
        }
        return (!ExpirationDateSet || b.ExpirationDate == ExpirationDate) && (Weight is null || b.Weight == Weight)
            && (Blocker is null || b.Blocker == Blocker) && (Disabled is null || b.Disabled == Disabled)
            && (DestinationIDs is null || b.DestinationIDs.SameAs(DestinationIDs))
            && (Categories is null || b.Categories.SameAs(Categories))
            && (TimingIDs is null || b.TimingIDs.SameAs(TimingIDs))
            && (SharedGroups is null || b.SharedGroups.SameAs(SharedGroups))
            && (RatingSubject is null || b.RatingSubject == RatingSubject);
    }
}
