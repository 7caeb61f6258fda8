using System.Text;
using System.Text.Json;
using Obol.Events;
using Obol.GoJson;

namespace Obol.Exporters;

/// <summary>*http_post and *http_json_map: one POST per event to <c>export_path</c>; headers come from the <c>*hdr</c>
/// templates (composed once, as Go does); <c>concurrent_requests</c> bounds requests in flight.</summary>
internal abstract class HttpExporter : EventExporter
{
    private readonly SemaphoreSlim? _limit;

    protected HttpExporter(ExporterDefinition definition, ExporterContext context)
        : base(definition, context)
    {
        Metrics.SetExportPath(Config.ExportPath);
        Headers = Definition.Template.Header.Length == 0 ? null : HeaderMap(ComposeHeaderTrailer(Definition.Template.Header));
        _limit = Config.ConcurrentRequests > 0 ? new SemaphoreSlim(Config.ConcurrentRequests) : null;
    }

    protected IReadOnlyDictionary<string, string>? Headers { get; }

    protected abstract HttpContent Content(ExportPayload payload);

    public override async Task ExportAsync(ExportPayload payload, CancellationToken cancellationToken)
    {
        if (_limit is not null)
        {
            await _limit.WaitAsync(cancellationToken);
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Config.ExportPath) { Content = Content(payload) };
            foreach (var (name, value) in payload.Headers ?? new Dictionary<string, string>())
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.Remove(name);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            using var response = await Context.Http.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode > 299)
            {
                throw new ExportException($"unexpected status code received: {(int)response.StatusCode}");
            }
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

internal sealed class HttpPostExporter(ExporterDefinition definition, ExporterContext context) : HttpExporter(definition, context)
{
    public override ExportPayload Prepare(ExportRecord record) => new()
    {
        Form = record.Fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        Headers = Headers,
    };

    public override ExportPayload PrepareEvent(CgrEvent ev) => new()
    {
        Form = ev.Event.ToDictionary(kv => kv.Key, kv => EventValues.AsString(kv.Value), StringComparer.Ordinal),
        Headers = Headers,
    };

    protected override HttpContent Content(ExportPayload payload) =>
        new StringContent(FormEncoding.Encode(payload.Form ?? new Dictionary<string, string>()), Encoding.UTF8, "application/x-www-form-urlencoded");
}

internal sealed class HttpJsonMapExporter(ExporterDefinition definition, ExporterContext context) : HttpExporter(definition, context)
{
    public override ExportPayload Prepare(ExportRecord record) => new() { Text = JsonMap.Of(record), Headers = Headers };

    public override ExportPayload PrepareEvent(CgrEvent ev) => new() { Text = JsonMap.Of(ev.Event), Headers = Headers };

    protected override HttpContent Content(ExportPayload payload) =>
        new StringContent(payload.Text ?? "{}", Encoding.UTF8, "application/json");
}

internal sealed class LogExporter(ExporterDefinition definition, ExporterContext context) : EventExporter(definition, context)
{
    public override ExportPayload Prepare(ExportRecord record) => new() { Text = JsonMap.Of(record) };

    public override ExportPayload PrepareEvent(CgrEvent ev) => new() { Text = JsonMap.Of(ev.Event) };

    public override Task ExportAsync(ExportPayload payload, CancellationToken cancellationToken)
    {
        Context.Log.Info($"<EEs> <{Config.Id}> exported: <{payload.Text}>");
        return Task.CompletedTask;
    }
}

/// <summary>OrderedNavigableMap.AsMap then json.Marshal: dotted paths become nested objects, keys sorted.</summary>
internal static class JsonMap
{
    public static string Of(ExportRecord record)
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, value) in record.Fields)
        {
            var segments = path.Split('.');
            var node = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                if (!node.TryGetValue(segments[i], out var child) || child is not Dictionary<string, object?> map)
                {
                    map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    node[segments[i]] = map;
                }
                node = map;
            }
            node[segments[^1]] = value;
        }
        return Of(root);
    }

    public static string Of(IReadOnlyDictionary<string, object?> map) =>
        JsonSerializer.Serialize(map, GoJsonOptions.Default);

    public static string Of(Dictionary<string, object?> map) =>
        JsonSerializer.Serialize(map, GoJsonOptions.Default);
}
