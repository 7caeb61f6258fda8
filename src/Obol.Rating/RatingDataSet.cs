namespace Obol.Rating;

/// <summary>An immutable in-memory snapshot of rating data: swapped whole when a tariff plan is (re)loaded.</summary>
public sealed class RatingDataSet : IRatingDataSource
{
    private readonly Dictionary<RatingProfileKey, RatingProfile> _profiles;
    private readonly Dictionary<string, RatingPlan> _plans;
    private readonly PrefixIndex<DestinationEntry> _destinations;

    public RatingDataSet(IReadOnlyDictionary<string, string[]> destinations, IEnumerable<RatingPlan> plans, IEnumerable<RatingProfile> profiles)
    {
        Destinations = destinations;
        _plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _profiles = profiles.ToDictionary(p => p.Key);
        _destinations = new PrefixIndex<DestinationEntry>(ReverseIndex(destinations));
    }

    public static RatingDataSet Empty { get; } = new(new Dictionary<string, string[]>(), [], []);

    /// <summary>Destination id → prefixes.</summary>
    public IReadOnlyDictionary<string, string[]> Destinations { get; }

    public IReadOnlyCollection<RatingPlan> RatingPlans => _plans.Values;

    public IReadOnlyCollection<RatingProfile> RatingProfiles => _profiles.Values;

    public RatingProfile? GetRatingProfile(RatingProfileKey key) => _profiles.GetValueOrDefault(key);

    public RatingPlan? GetRatingPlan(string id) => _plans.GetValueOrDefault(id);

    public PrefixIndex<DestinationEntry>.Matches MatchDestination(ReadOnlySpan<char> number) => _destinations.Match(number);

    private static IEnumerable<KeyValuePair<string, DestinationEntry>> ReverseIndex(IReadOnlyDictionary<string, string[]> destinations)
    {
        var byPrefix = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, prefixes) in destinations)
        {
            foreach (var prefix in prefixes)
            {
                if (!byPrefix.TryGetValue(prefix, out var ids))
                {
                    byPrefix[prefix] = ids = new List<string>(1);
                }
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }
        foreach (var (prefix, ids) in byPrefix)
        {
            ids.Sort(StringComparer.Ordinal);
            yield return new(prefix, new DestinationEntry(prefix, [.. ids]));
        }
    }
}
