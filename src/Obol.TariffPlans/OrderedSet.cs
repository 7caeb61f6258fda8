namespace Obol.TariffPlans;

/// <summary>
/// CGRateS merges profile ID lists (FilterIDs, Contexts, ThresholdIDs...) into a utils.StringSet, which drops
/// duplicates; Go map order is random, so this keeps first-seen order instead for a deterministic result.
/// </summary>
internal sealed class OrderedSet
{
    private readonly List<string> _items = [];

    public void AddRange(string[] items)
    {
        foreach (var item in items)
        {
            // Profiles have a handful of IDs: a linear scan beats hashing here.
            if (!_items.Contains(item))
            {
                _items.Add(item);
            }
        }
    }

    public string[] ToArray() => [.. _items];
}
