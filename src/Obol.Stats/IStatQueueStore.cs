namespace Obol.Stats;

/// <summary>Where StatS keeps the queues of <c>Stored</c> profiles; a save completes once the queue is durable.</summary>
public interface IStatQueueStore
{
    ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken);

    ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken);
}
