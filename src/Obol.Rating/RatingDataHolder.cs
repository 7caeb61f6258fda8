namespace Obol.Rating;

/// <summary>
/// The current rating data, replaced whole when a tariff plan is (re)loaded. The rating engine reads
/// <see cref="Current"/> once per call, so a call is rated entirely on the old or entirely on the new plan.
/// </summary>
public sealed class RatingDataHolder(RatingDataSet initial) : IRatingDataSource
{
    private RatingDataSet _current = initial;

    public RatingDataSet Current => Volatile.Read(ref _current);

    public void Replace(RatingDataSet next) => Volatile.Write(ref _current, next);

    public RatingProfile? GetRatingProfile(RatingProfileKey key) => Current.GetRatingProfile(key);

    public RatingPlan? GetRatingPlan(string id) => Current.GetRatingPlan(id);

    public PrefixIndex<DestinationEntry>.Matches MatchDestination(ReadOnlySpan<char> number) => Current.MatchDestination(number);
}
