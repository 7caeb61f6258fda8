using Obol.Events;

namespace Obol.Resources;

/// <summary>ThresholdS as ResourceS reaches it (resources.thresholds_conns): a ResourceUpdate event per resource
/// after each allocation and release.</summary>
public interface IResourceThresholdSink
{
    /// <summary>ThresholdSv1.ProcessEvent; returns null or the error text (NOT_FOUND when no threshold matched).</summary>
    ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken);
}
