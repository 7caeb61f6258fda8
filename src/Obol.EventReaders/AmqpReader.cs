using System.Globalization;
using System.Text.Json;
using Obol.Config;
using Obol.Exporters;
using Obol.Primitives;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Obol.EventReaders;

/// <summary>
/// An <c>*amqp_json_map</c> reader (ers/amqp.go): consumes JSON objects from a RabbitMQ queue over AMQP 0-9-1, each
/// through the reader's <see cref="RecordPipeline"/>. <c>source_path</c> is the broker URL; the <c>opts</c>
/// <c>amqpQueueID</c>, <c>amqpExchange</c>, <c>amqpExchangeType</c>, <c>amqpRoutingKey</c> say what is declared and
/// bound, as for the exporter, and <c>amqpConsumerTag</c> names the consumer.
/// </summary>
/// <remarks>
/// A message is acknowledged once its event was handled (sent, filtered out, or answered with an error by SessionS),
/// and rejected without requeue when it is not a JSON object or its templates fail on it, as CGRateS does (a queue
/// with a dead-letter exchange keeps those). Unlike CGRateS, which acknowledges a message as soon as it is decoded, the
/// acknowledgement waits for SessionS, so a message whose event was cut short by a stop or a lost connection is
/// delivered again instead of lost. Up to <c>concurrent_requests</c> messages are handled at once (the channel's
/// prefetch). A lost connection is opened again after 1 s, 1 s, 2 s, 3 s, 5 s, … (capped by
/// <c>max_reconnect_interval</c>), <c>reconnects</c> times in a row (-1: always).
/// </remarks>
internal sealed class AmqpReader
{
    public const string Type = "*amqp_json_map";

    private const int MaxConcurrency = 1024;
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    private readonly EventReaderConfig _config;
    private readonly ReaderContext _context;
    private readonly RecordPipeline _pipeline;
    private readonly AmqpTarget _target;
    private readonly string _consumerTag;
    private readonly ushort _concurrency;

    /// <exception cref="ExporterDefinitionException">The URL, an option or the pipeline cannot work.</exception>
    public AmqpReader(EventReaderConfig config, ReaderContext context)
    {
        (_config, _context) = (config, context);
        Exception Refuse(string problem) => new ExporterDefinitionException($"reader <{config.Id}>: {problem}");
        _target = AmqpTarget.Parse(config.SourcePath, "source_path", config.Opts, Refuse);
        _consumerTag = AmqpTarget.Option(config.Opts, "amqpConsumerTag", Refuse) ?? "";
        _concurrency = (ushort)(config.ConcurrentRequests is > 0 and < MaxConcurrency ? config.ConcurrentRequests : MaxConcurrency);
        _pipeline = new RecordPipeline(config, context);
    }

    public EventReaderConfig Config => _config;

    /// <summary>Consumes until <paramref name="ct"/> ends it, connecting again after a failure as long as
    /// <c>reconnects</c> allows.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), ToTimeSpan(_config.MaxReconnectInterval));
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilClosedAsync(() =>
                {
                    failures = 0;
                    backoff.Reset();
                }, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsBrokerFailure(e))
            {
                _context.Warn($"<ERs> reader <{_config.Id}>: {_target.Describe()}: {e.Message}");
            }
            if (_config.Reconnects >= 0 && ++failures > _config.Reconnects)
            {
                _context.Warn($"<ERs> reader <{_config.Id}>: {_target.Describe()}: giving up after {_config.Reconnects} reconnects");
                return;
            }
            await Task.Delay(backoff.Next(), ct).ConfigureAwait(false);
        }
    }

    /// <summary>ErSv1.RunReader on a reader that does not run by itself: handles the messages waiting in the queue now,
    /// one at a time, and closes; how many it took.</summary>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await _target.DeclareAsync(channel, ct).ConfigureAwait(false);
        var taken = 0;
        while (await channel.BasicGetAsync(_target.Queue, autoAck: false, ct).ConfigureAwait(false) is { } message)
        {
            var outcome = await HandleAsync(message.Body, message.BasicProperties.MessageId, message.DeliveryTag, ct).ConfigureAwait(false);
            await SettleAsync(channel, message.DeliveryTag, outcome, ct).ConfigureAwait(false);
            taken++;
        }
        return taken;
    }

    private async Task ConsumeUntilClosedAsync(Action connected, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                consumerDispatchConcurrency: _concurrency), ct).ConfigureAwait(false);
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, args) =>
        {
            closed.TrySetResult(args);
            return Task.CompletedTask;
        };
        await _target.DeclareAsync(channel, ct).ConfigureAwait(false);
        await channel.BasicQosAsync(0, _concurrency, global: false, ct).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            // The body is the client's buffer, valid until this handler returns: it is read before then.
            var outcome = await HandleAsync(delivery.Body, delivery.BasicProperties.MessageId, delivery.DeliveryTag, ct).ConfigureAwait(false);
            if (outcome is { } settled)
            {
                await SettleAsync(channel, delivery.DeliveryTag, settled, ct).ConfigureAwait(false);
            }
        };
        await channel.BasicConsumeAsync(_target.Queue, autoAck: false, _consumerTag, consumer, ct).ConfigureAwait(false);
        connected();
        _context.Info($"<ERs> reader <{_config.Id}>: consuming {_target.Describe()}");
        var shutdown = await closed.Task.WaitAsync(ct).ConfigureAwait(false);
        _context.Warn($"<ERs> reader <{_config.Id}>: {_target.Describe()} closed: {shutdown.ReplyCode} {shutdown.ReplyText}");
    }

    /// <summary>One message: null when the reader is stopping (the message stays unacknowledged and comes back).</summary>
    private async Task<RecordOutcome?> HandleAsync(ReadOnlyMemory<byte> body, string? messageId, ulong deliveryTag, CancellationToken ct)
    {
        var where = $"queue <{_target.Queue}> message {messageId ?? "#" + deliveryTag.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                _context.Warn($"<ERs> reader <{_config.Id}> {where}: not a JSON object; rejected");
                return RecordOutcome.Invalid;
            }
            var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
            return await _pipeline.ProcessAsync(new JsonRecord(document.RootElement), vars, where, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: invalid JSON ({e.Message}); rejected");
            return RecordOutcome.Invalid;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // The consumer's boundary: an unexpected failure must not leave the message unsettled.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {e.GetType().Name}: {e.Message}; rejected");
            return RecordOutcome.Invalid;
        }
    }

    private static async Task SettleAsync(IChannel channel, ulong deliveryTag, RecordOutcome? outcome, CancellationToken ct)
    {
        try
        {
            if (outcome == RecordOutcome.Invalid)
            {
                await channel.BasicRejectAsync(deliveryTag, requeue: false, ct).ConfigureAwait(false);
            }
            else if (outcome is not null)
            {
                await channel.BasicAckAsync(deliveryTag, multiple: false, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (IsBrokerFailure(e) || (e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // The channel went away with the message unsettled: the broker delivers it again.
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken ct) =>
        // Reconnection is RunAsync's, with CGRateS's back-off and reconnects limit.
        await _target.ConnectionFactory($"Obol ERs {_config.Id}", s_connectTimeout).CreateConnectionAsync(ct).ConfigureAwait(false);

    public static bool IsBrokerFailure(Exception e) =>
        e is RabbitMQClientException or OperationInterruptedException or AlreadyClosedException or IOException
            or System.Net.Sockets.SocketException or TimeoutException;

    private static TimeSpan ToTimeSpan(Usage usage) => TimeSpan.FromTicks(Math.Max(0, usage.Nanoseconds / 100));
}
