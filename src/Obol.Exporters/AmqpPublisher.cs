using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Obol.Exporters;

/// <summary>
/// One AMQP 0-9-1 connection and channel for a <see cref="AmqpTarget"/> (ees/amqp.go Connect/ExportEvent): opened on
/// the first publish, declaring what CGRateS declares (the exchange durable if one is set, the queue durable, the
/// binding), and opened again on the next publish after a failure. Messages are persistent and published with
/// publisher confirms, so a publish returns once the broker has taken the message.
/// </summary>
/// <remarks>
/// Publishes run concurrently on the one channel: with confirmation tracking on, RabbitMQ.Client 7 sends each publish
/// under the channel's own confirm lock and awaits the broker's ack outside it, so callers need no lock of their own and
/// confirms of concurrent publishes overlap. Only opening and closing take <see cref="_gate"/>.
/// </remarks>
internal sealed class AmqpPublisher : IAsyncDisposable
{
    // CGRateS sends utils.ContentJSON ("json"); the registered media type is what consumers test for.
    public const string ContentType = "application/json";

    // Bounds for a broker that accepts TCP but does not answer, or blocks publishers on a resource alarm: an attempt
    // fails instead of holding a synchronous ProcessEvent indefinitely.
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_confirmTimeout = TimeSpan.FromSeconds(5);

    private readonly AmqpTarget _target;
    private readonly ILogSink _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private volatile IChannel? _channel;
    private bool _disposed;

    public AmqpPublisher(AmqpTarget target, ILogSink log)
    {
        _target = target;
        _log = log;
    }

    /// <summary>Publishes and waits for the broker's confirm; throws <see cref="ExportException"/> when the message was
    /// not taken (broker unreachable, channel closed, message unroutable or nacked, no confirm in time).</summary>
    public async Task PublishAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        IChannel? channel = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            channel = await OpenAsync(cancellationToken).ConfigureAwait(false);
            timeout.CancelAfter(s_confirmTimeout);
            // A fresh properties object per publish: the client writes its sequence-number header into it.
            var properties = new BasicProperties { ContentType = ContentType, DeliveryMode = DeliveryModes.Persistent };
            // mandatory: an unroutable message comes back as a failure instead of being dropped after a positive confirm.
            await channel.BasicPublishAsync(_target.Exchange, _target.RoutingKey, mandatory: true, properties, body, timeout.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ResetAsync(channel).ConfigureAwait(false);
            throw new ExportException($"{_target.Describe()}: no confirm within {s_confirmTimeout.TotalSeconds}s");
        }
        catch (PublishException e) when (e is not PublishReturnException && channel is { IsOpen: true })
        {
            // A nack is the broker's own failure on a healthy channel; other publishes on it carry on.
            throw new ExportException($"{_target.Describe()} refused the message (nack)", e);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            // Closed, unreachable or unroutable (the queue or binding may have been deleted): the next attempt reconnects
            // and declares again.
            await ResetAsync(channel).ConfigureAwait(false);
            throw new ExportException($"{_target.Describe()}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        _gate.Dispose();
    }

    private async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_channel is { IsOpen: true } opened)
            {
                return opened;
            }
            await CloseAsync().ConfigureAwait(false);
            _connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken).ConfigureAwait(false);
            try
            {
                await _target.DeclareAsync(channel, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await CloseQuietlyAsync(channel).ConfigureAwait(false);
                throw;
            }
            _channel = channel;
            return channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        // Reconnection is ours (the next publish after a failure), so a failure surfaces to the attempts loop instead of
        // publishes waiting on a background recovery.
        var factory = _target.ConnectionFactory("Obol EEs", s_connectTimeout);
        var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.ConnectionShutdownAsync += (_, args) =>
        {
            if (args.Initiator != ShutdownInitiator.Application)
            {
                _log.Warning($"<EEs> AMQP connection to {_target.Describe()} closed: {args.ReplyText}");
            }
            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>Drops the channel that failed (and the connection when it is gone too), unless another caller already
    /// replaced it.</summary>
    private async Task ResetAsync(IChannel? failed)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (failed is not null && ReferenceEquals(_channel, failed))
            {
                _channel = null;
                await CloseQuietlyAsync(failed).ConfigureAwait(false);
            }
            if (_connection is { IsOpen: false } dead)
            {
                _connection = null;
                await CloseQuietlyAsync(dead).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes channel and connection; the caller holds <see cref="_gate"/>.</summary>
    private async Task CloseAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            await CloseQuietlyAsync(channel).ConfigureAwait(false);
        }
        if (_connection is { } connection)
        {
            _connection = null;
            await CloseQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    private static async Task CloseQuietlyAsync(IAsyncDisposable resource)
    {
        try
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            // Closing what already failed: the broker or socket is gone, there is nothing left to release.
        }
    }

    private static bool IsBrokerFailure(Exception e) =>
        e is RabbitMQClientException or IOException or SocketException or TimeoutException or ObjectDisposedException
            or InvalidOperationException;
}
