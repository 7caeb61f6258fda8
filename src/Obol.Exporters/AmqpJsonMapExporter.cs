using System.Text;
using Obol.Events;

namespace Obol.Exporters;

/// <summary>
/// <c>*amqp_json_map</c> (ees/amqp.go): the JSON map of the content templates, as <c>*http_json_map</c> posts it,
/// published to <c>opts.amqpExchange</c> (default exchange when unset) with <c>opts.amqpRoutingKey</c> on the broker at
/// <c>export_path</c>. <c>*hdr</c>/<c>*trl</c> templates do not apply. The connection belongs to the service's
/// <see cref="AmqpPublishers"/>, so disposing this exporter leaves it open. The export path is not put in the metrics:
/// it usually carries the broker password.
/// </summary>
internal sealed class AmqpJsonMapExporter : EventExporter
{
    private readonly AmqpPublisher _publisher;
    private readonly SemaphoreSlim? _limit;

    public AmqpJsonMapExporter(ExporterDefinition definition, ExporterContext context)
        : base(definition, context)
    {
        _publisher = context.Amqp.For(AmqpTarget.FromConfig(Config));
        _limit = Config.ConcurrentRequests > 0 ? new SemaphoreSlim(Config.ConcurrentRequests) : null;
    }

    public override ExportPayload Prepare(ExportRecord record) => new() { Text = JsonMap.Of(record) };

    public override ExportPayload PrepareEvent(CgrEvent ev) => new() { Text = JsonMap.Of(ev.Event) };

    public override async Task ExportAsync(ExportPayload payload, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(payload.Text ?? "{}");
        if (_limit is not null)
        {
            await _limit.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await _publisher.PublishAsync(body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _limit?.Release();
        }
    }

    protected override ValueTask CloseAsync()
    {
        _limit?.Dispose();
        return ValueTask.CompletedTask;
    }
}
