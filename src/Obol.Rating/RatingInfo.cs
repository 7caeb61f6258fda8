using NodaTime;

namespace Obol.Rating;

/// <summary>What rating-plan lookup found for one stretch of a call (CGRateS RatingInfo). Null
/// <see cref="RateIntervals"/> marks a stretch still to be covered by the fallback subjects.</summary>
public sealed class RatingInfo
{
    public string MatchedSubject { get; init; } = "";
    public string RatingPlanId { get; init; } = "";
    public string MatchedPrefix { get; init; } = "";
    public string MatchedDestId { get; init; } = "";
    public Instant ActivationTime { get; init; }
    public RateInterval[]? RateIntervals { get; init; }
    public IReadOnlyList<RatingProfileKey> FallbackKeys { get; init; } = [];
}
