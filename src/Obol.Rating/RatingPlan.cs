namespace Obol.Rating;

/// <summary>A rating plan: for each destination id, the rate intervals that price it (CGRateS RatingPlan).</summary>
public sealed class RatingPlan(string id, IReadOnlyDictionary<string, RateInterval[]> destinationRates)
{
    public string Id { get; } = id;

    /// <summary>Destination id (or <c>*any</c>) → rate intervals in load order.</summary>
    public IReadOnlyDictionary<string, RateInterval[]> DestinationRates { get; } = destinationRates;

    public bool TryGetIntervals(string destinationId, out RateInterval[] intervals) =>
        DestinationRates.TryGetValue(destinationId, out intervals!);
}
