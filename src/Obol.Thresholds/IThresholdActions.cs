namespace Obol.Thresholds;

/// <summary>
/// Runs the action sets of fired thresholds (CGRateS builds an ActionTiming per set and executes it).
/// </summary>
public interface IThresholdActions
{
    /// <summary>Returns null on success or the error text. For <see cref="ThresholdActionRequest.Async"/> requests
    /// the implementation may run in the background; their errors are only reported as warnings, never as the
    /// event's error, because CGRateS has already replied by the time an async set fails.</summary>
    ValueTask<string?> ExecuteAsync(ThresholdActionRequest request, CancellationToken cancellationToken);
}
