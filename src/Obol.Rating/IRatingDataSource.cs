namespace Obol.Rating;

/// <summary>A prefix as stored in the destination index and the destinations that contain it.</summary>
public sealed record DestinationEntry(string Prefix, string[] DestinationIds);

/// <summary>
/// What rating reads (the port storage implements): rating profiles, rating plans and the reverse destination index.
/// </summary>
public interface IRatingDataSource
{
    RatingProfile? GetRatingProfile(RatingProfileKey key);

    RatingPlan? GetRatingPlan(string id);

    /// <summary>Every indexed prefix of <paramref name="number"/>, longest first.</summary>
    PrefixIndex<DestinationEntry>.Matches MatchDestination(ReadOnlySpan<char> number);
}
