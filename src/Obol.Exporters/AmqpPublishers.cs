using System.Collections.Concurrent;

namespace Obol.Exporters;

/// <summary>
/// The service's AMQP connections, one per <see cref="AmqpTarget"/>, closed with the service. They live here rather
/// than in the exporter because Obol's <c>ees.cache</c> has no <c>*amqp_json_map</c> entry by default (CGRateS has one,
/// limit -1): an exporter made for one event and disposed after it still publishes on the connection already open, and
/// a replay of failed posts reuses the live exporter's connection when the target is the same.
/// </summary>
internal sealed class AmqpPublishers(ILogSink log) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<AmqpTarget, Lazy<AmqpPublisher>> _publishers = new();
    private volatile bool _disposed;

    /// <summary>The publisher for the target; no connection is made until it publishes.</summary>
    public AmqpPublisher For(AmqpTarget target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Lazy: racing callers agree on one publisher, so no second one is made and left unclosed.
        return _publishers.GetOrAdd(target, t => new Lazy<AmqpPublisher>(() => new AmqpPublisher(t, log))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var publisher in _publishers.Values)
        {
            if (publisher.IsValueCreated)
            {
                await publisher.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
        _publishers.Clear();
    }
}
