namespace Obol.Rating;

/// <summary>The RALs knobs rating depends on (cgrates.json <c>general.rounding_decimals</c> and the <c>rals</c> section).</summary>
public sealed record RatingOptions
{
    /// <summary><c>general.rounding_decimals</c>: decimals of every per-increment rounding (default 5).</summary>
    public int RoundingDecimals { get; init; } = 5;

    /// <summary><c>rals.max_increments</c>: spans with more increments are priced whole.</summary>
    public int MaxIncrements { get; init; } = 1_000_000;

    /// <summary><c>rals.fallback_depth</c>.</summary>
    public int FallbackDepth { get; init; } = 3;

    /// <summary><c>rals.rp_subject_prefix_matching</c>.</summary>
    public bool SubjectPrefixMatching { get; init; }
}
