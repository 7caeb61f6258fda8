namespace Obol.Thresholds;

/// <summary>Where ThresholdS keeps hit counters and snoozes; a save completes once the state is durable.</summary>
public interface IThresholdStore
{
    ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken);

    ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken);
}
