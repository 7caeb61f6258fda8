namespace Obol.Thresholds.Tests;

/// <summary>Records every request and fails the action sets named in <see cref="Failing"/>.</summary>
internal sealed class RecordingActions : IThresholdActions
{
    public List<ThresholdActionRequest> Requests { get; } = [];

    public HashSet<string> Failing { get; } = [];

    public ValueTask<string?> ExecuteAsync(ThresholdActionRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return ValueTask.FromResult(Failing.Contains(request.ActionSetId) ? "SERVER_ERROR" : null);
    }
}
