using Obol.Rating;

namespace Obol.CdrServer;

/// <summary>
/// EventCost.ratingIDForRateInterval for the balance charges: the rating unit (with its timing, rates and matched
/// filters) of a balance's rate interval, under the id an equal entry already has in the EventCost's tables or a new
/// one, exactly as <see cref="EventCostBuilder"/> shares them for the charges.
/// </summary>
internal sealed class EventCostRatingIds(EventCost ec)
{
    /// <summary>A key not yet in <paramref name="table"/>, of the builder's kind.</summary>
    public static string NewId<T>(Dictionary<string, T> table)
    {
        string fresh;
        do
        {
            fresh = EventCostBuilder.RandomId();
        }
        while (table.ContainsKey(fresh));
        return fresh;
    }

    /// <summary>The balance's rating id, shared with the charges' entries as <see cref="EventCostBuilder"/> shares them.</summary>
    public string For(RateInterval? ri, Dictionary<string, string> filters) => EventCostBuilder.RatingIdFor(ec, ri, filters, () => NewId(ec.Rating));
}
