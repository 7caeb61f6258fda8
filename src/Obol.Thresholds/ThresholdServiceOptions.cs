using Obol.Filters;
using Obol.Primitives;

namespace Obol.Thresholds;

/// <summary>The cgrates.json "thresholds" section as ThresholdS uses it.</summary>
public sealed record ThresholdServiceOptions
{
    public static readonly ThresholdServiceOptions Default = new();

    public FilterIndexOptions Index { get; init; } = FilterIndexOptions.Default;

    /// <summary>thresholds.opts.*profileIDs.</summary>
    public IReadOnlyList<string> ProfileIds { get; init; } = [];

    /// <summary>thresholds.store_interval, as <see cref="StateBackup"/> reads it.</summary>
    public Usage? StoreInterval { get; init; }

    /// <summary>thresholds.opts.*profileIgnoreFilters.</summary>
    public bool ProfileIgnoreFilters { get; init; }
}
