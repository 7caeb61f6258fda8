using Obol.Config;
using Obol.Events;
using Obol.Filters;

namespace Obol.Exporters;

/// <summary>
/// One open exporter (ees.EventExporter): turns a record into its payload and sends it. File exporters hold their
/// file from creation to disposal, which writes the trailer.
/// </summary>
internal abstract class EventExporter : IAsyncDisposable
{
    protected EventExporter(ExporterDefinition definition, ExporterContext context)
    {
        Definition = definition;
        Context = context;
        Metrics = new ExporterMetrics(context.Now);
    }

    public ExporterDefinition Definition { get; }

    public ExporterConfig Config => Definition.Config;

    public ExporterMetrics Metrics { get; }

    protected ExporterContext Context { get; }

    public static EventExporter Create(ExporterDefinition definition, ExporterContext context) => definition.Config.Type switch
    {
        "*file_csv" => new FileCsvExporter(definition, context),
        "*file_fwv" => new FileFwvExporter(definition, context),
        "*http_post" => new HttpPostExporter(definition, context),
        "*http_json_map" => new HttpJsonMapExporter(definition, context),
        "*amqp_json_map" => new AmqpJsonMapExporter(definition, context),
        "*log" => new LogExporter(definition, context),
        _ => throw ExporterDefinitionException.ForExporter(definition.Id, $"unsupported exporter type: <{definition.Config.Type}>"),
    };

    /// <summary>PrepareOrderMap: the payload for a record built by the content templates.</summary>
    public abstract ExportPayload Prepare(ExportRecord record);

    /// <summary>PrepareMap: the payload when the exporter has no content templates (the event as it is).</summary>
    public abstract ExportPayload PrepareEvent(CgrEvent ev);

    /// <summary>Connect + ExportEvent; throws <see cref="ExportException"/> (or an I/O or HTTP exception) on failure.</summary>
    public abstract Task ExportAsync(ExportPayload payload, CancellationToken cancellationToken);

    public ValueTask DisposeAsync() => CloseAsync();

    /// <summary>Close: writes the trailer of a file, releases what the exporter holds.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>composeHeaderTrailer: <c>*hdr</c>/<c>*trl</c> templates read only the metrics (<c>~*em.X</c>).</summary>
    protected ExportRecord ComposeHeaderTrailer(ExportField[] fields)
    {
        var data = new FilterEvent(new Dictionary<string, object?>()).With("*em", Metrics.Snapshot()).With("*dc", Metrics.Snapshot());
        if (!ExportTemplate.TryEvaluate(fields, data, Context.DefaultTenant, Context.Filters, Context.Now, out var record, out var error))
        {
            throw new ExportException($"exporter <{Config.Id}>: {error}");
        }
        return record;
    }

    /// <summary>utils.UUIDSha1Prefix's shape (seven hex characters); only uniqueness matters, so no hash is taken.</summary>
    internal static string UniquePrefix() => Guid.NewGuid().ToString("N")[..7];

    protected static Dictionary<string, string> HeaderMap(ExportRecord record) =>
        record.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
}
