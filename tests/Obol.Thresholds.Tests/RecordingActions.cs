namespace Obol.Thresholds.Tests;

/// <summary>Records every request and fails the action sets named in <see cref="Failing"/>.</summary>
internal sealed class RecordingActions : IThresholdActions
{
    public List<ThresholdActionRequest> Requests { get; } = [];

    public HashSet<string> Failing { get; } = [];

    public string? Execute(ThresholdActionRequest request)
    {
        Requests.Add(request);
        return Failing.Contains(request.ActionSetId) ? "SERVER_ERROR" : null;
    }
}
