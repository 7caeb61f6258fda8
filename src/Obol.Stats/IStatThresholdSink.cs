using Obol.Events;

namespace Obol.Stats;

/// <summary>ThresholdS as StatS reaches it (stats.thresholds_conns): a StatUpdate event per changed queue.</summary>
public interface IStatThresholdSink
{
    /// <summary>ThresholdSv1.ProcessEvent; returns null or the error text (NOT_FOUND when no threshold matched).</summary>
    ValueTask<string?> ProcessEventAsync(CgrEvent thresholdEvent, CancellationToken cancellationToken);
}
