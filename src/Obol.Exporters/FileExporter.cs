using System.Text;

namespace Obol.Exporters;

/// <summary>*file_csv and *file_fwv: a file named <c>&lt;export_path&gt;/&lt;id&gt;_&lt;7 hex&gt;&lt;suffix&gt;</c>,
/// created with the exporter, header written first, trailer written on disposal.</summary>
internal abstract class FileExporter : EventExporter
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly StreamWriter _writer;
    private bool _closed;

    protected FileExporter(ExporterDefinition definition, ExporterContext context, string suffix)
        : base(definition, context)
    {
        FilePath = Path.Combine(Config.ExportPath, $"{Config.Id}_{UniquePrefix()}{suffix}");
        Metrics.SetExportPath(FilePath);
        _writer = new StreamWriter(FilePath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (Definition.Template.Header.Length != 0)
        {
            _writer.Write(Line(ComposeHeaderTrailer(Definition.Template.Header).Values()));
        }
    }

    public string FilePath { get; }

    /// <summary>A whole line, terminator included.</summary>
    protected abstract string Line(IReadOnlyList<string> values);

    public override async Task ExportAsync(ExportPayload payload, CancellationToken cancellationToken)
    {
        var line = payload.Text is { } text ? text + "\n" : Line(payload.Row ?? []);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            await _writer.WriteAsync(line.AsMemory(), cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override async ValueTask CloseAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            try
            {
                if (Definition.Template.Trailer.Length != 0)
                {
                    await _writer.WriteAsync(Line(ComposeHeaderTrailer(Definition.Template.Trailer).Values()));
                }
            }
            catch (ExportException e)
            {
                // Go logs and still closes the file, so the rows already written are kept.
                Context.Log.Warning($"<EEs> Exporter with id: <{Config.Id}> received error: <{e.Message}> when composed trailer");
            }
            await _writer.DisposeAsync();
        }
        finally
        {
            _lock.Release();
        }
        _lock.Dispose();
    }
}

internal sealed class FileCsvExporter(ExporterDefinition definition, ExporterContext context)
    : FileExporter(definition, context, ".csv")
{
    private char Separator => Config.FieldSeparator.Length != 0 ? Config.FieldSeparator[0] : ',';

    public override ExportPayload Prepare(ExportRecord record) => new() { Row = record.Values() };

    public override ExportPayload PrepareEvent(Events.CgrEvent ev) => new() { Row = [.. ev.Event.Values.Select(Events.EventValues.AsString)] };

    protected override string Line(IReadOnlyList<string> values) => CsvLine.Format(values, Separator);
}

internal sealed class FileFwvExporter(ExporterDefinition definition, ExporterContext context)
    : FileExporter(definition, context, ".fwv")
{
    public override ExportPayload Prepare(ExportRecord record) => new() { Row = record.Values() };

    public override ExportPayload PrepareEvent(Events.CgrEvent ev) => new() { Row = [.. ev.Event.Values.Select(Events.EventValues.AsString)] };

    protected override string Line(IReadOnlyList<string> values) => string.Concat(values) + "\n";
}
