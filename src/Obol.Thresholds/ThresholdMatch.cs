namespace Obol.Thresholds;

/// <summary>A profile that passed the event's filters, with its threshold state (mutated by processing).</summary>
public sealed record ThresholdMatch(ThresholdProfile Profile, Threshold State);
