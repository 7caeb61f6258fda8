using Obol.Filters;
using Obol.Primitives;

namespace Obol.Stats;

/// <summary>The cgrates.json "stats" section as StatS uses it.</summary>
public sealed record StatServiceOptions
{
    public static readonly StatServiceOptions Default = new();

    public FilterIndexOptions Index { get; init; } = FilterIndexOptions.Default;

    /// <summary>general.rounding_decimals: the precision of metric values.</summary>
    public int RoundingDecimals { get; init; } = MetricIds.DefaultRoundingDecimals;

    /// <summary>stats.opts.*profileIDs: the queues used when the event names none.</summary>
    public IReadOnlyList<string> ProfileIds { get; init; } = [];

    /// <summary>stats.store_interval, as <see cref="StateBackup"/> reads it.</summary>
    public Usage? StoreInterval { get; init; }

    /// <summary>stats.opts.*profileIgnoreFilters.</summary>
    public bool ProfileIgnoreFilters { get; init; }
}
