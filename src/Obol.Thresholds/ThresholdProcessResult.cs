namespace Obol.Thresholds;

/// <summary>
/// The outcome of ThresholdSv1.ProcessEvent. <see cref="Error"/> is NOT_FOUND when nothing matched and
/// PARTIALLY_EXECUTED when a synchronous action set failed; CGRateS then replies with the error alone, yet the hits
/// were counted and must still be stored, so <see cref="Changed"/> is filled either way.
/// </summary>
public sealed record ThresholdProcessResult(
    IReadOnlyList<string> ThresholdIds,
    string? Error,
    IReadOnlyList<Threshold> Changed,
    IReadOnlyList<string> Warnings);
