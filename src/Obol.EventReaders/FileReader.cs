using System.Text.Json;
using CsvHelper;
using Obol.Config;
using Obol.Exporters;

namespace Obol.EventReaders;

/// <summary>
/// One configured file reader (ers/filecsv.go, filefwv.go, filejson.go, filexml.go): each file of its type in <c>source_path</c> is
/// read record by record through the reader's <see cref="RecordPipeline"/>; the file then moves to
/// <c>processed_path</c>. Unlike CGRateS, which stops at a record that fails its templates and leaves the file to be
/// read again (sending its first records twice), a failing record is logged with its file and line and the rest of the
/// file is read.
/// </summary>
internal sealed class FileReader
{
    private readonly EventReaderConfig _config;
    private readonly ReaderContext _context;
    private readonly RecordPipeline _pipeline;
    private readonly bool _hasHeader;
    private readonly bool _hasTrailer;

    /// <exception cref="ExporterDefinitionException">The type is not a file type, or the pipeline cannot work.</exception>
    public FileReader(EventReaderConfig config, ReaderContext context)
    {
        (_config, _context) = (config, context);
        Suffix = config.Type switch
        {
            "*file_csv" => ".csv",
            "*file_json" => ".json",
            "*file_xml" => ".xml",
            "*file_fwv" => ".fwv",
            _ => throw new ExporterDefinitionException($"reader <{config.Id}>: unsupported type <{config.Type}> " +
                "(Obol reads *file_csv, *file_fwv, *file_json, *file_xml and *amqp_json_map)"),
        };
        _pipeline = new RecordPipeline(config, context);
        _hasHeader = config.Fields.Any(f => f.Value.StartsWith("~" + ReaderData.Header, StringComparison.Ordinal));
        _hasTrailer = config.Fields.Any(f => f.Value.StartsWith("~" + ReaderData.Trailer, StringComparison.Ordinal));
    }

    public EventReaderConfig Config => _config;

    /// <summary>The file names this reader takes (<c>.csv</c>, <c>.json</c>).</summary>
    public string Suffix { get; }

    /// <summary>Reads every file of this reader's type now in <c>source_path</c>, oldest first.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var files = new DirectoryInfo(_config.SourcePath).EnumerateFiles("*" + Suffix).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal);
        var read = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            await ProcessFileAsync(file.FullName, ct).ConfigureAwait(false);
            read++;
        }
        return read;
    }

    /// <summary>Reads one file and moves it to <c>processed_path</c>; counts what it sent.</summary>
    public async Task<(int Records, int Events)> ProcessFileAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        _context.Info($"<ERs> parsing <{path}>");
        var started = _context.Clock.GetCurrentInstant();
        (int Records, int Events) counts;
        try
        {
            counts = _config.Type switch
            {
                "*file_json" => await ReadJsonAsync(path, name, ct).ConfigureAwait(false),
                "*file_xml" => await ReadXmlAsync(path, name, ct).ConfigureAwait(false),
                "*file_fwv" => await ReadFwvAsync(path, name, ct).ConfigureAwait(false),
                _ => await ReadCsvAsync(path, name, ct).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or System.Xml.XmlException
            or System.Xml.XPath.XPathException)
        {
            _context.Warn($"<ERs> reader <{_config.Id}>: cannot read <{path}>: {e.Message}; the file is left where it is");
            return (0, 0);
        }
        if (_config.ProcessedPath.Length != 0)
        {
            Directory.CreateDirectory(_config.ProcessedPath);
            File.Move(path, Path.Combine(_config.ProcessedPath, name), overwrite: true);
        }
        _context.Info($"<ERs> finished processing file <{path}>. Total records processed: {counts.Records}, events posted: {counts.Events}, " +
            $"run duration: {(_context.Clock.GetCurrentInstant() - started).TotalMilliseconds:0.###}ms");
        return counts;
    }

    private async Task<(int, int)> ReadCsvAsync(string path, string name, CancellationToken ct)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            CommentPrefix = '#',
            SkipEmptyLines = true,
            TrimWhitespace = false,
            Separator = _config.CsvFieldSeparator.Length > 0 ? _config.CsvFieldSeparator[0] : ',',
            Mode = _config.CsvLazyQuotes ? CsvMode.NoEscape : CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = r => _context.Warn($"<ERs> reader <{_config.Id}> {path}:{r.LineNumber}: malformed record ({r.Reason}), skipped"),
        };
        var (records, events, rowLength) = (0, 0, _config.CsvRowLength);
        Dictionary<string, int>? header = null;
        using var reader = CsvReader.Create(new StreamReader(path), options);
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }
            var headerMark = _config.CsvHeaderDefineChar;
            if (records == 0 && header is null && headerMark.Length != 0 && fields.Length > 0 && fields[0].StartsWith(headerMark, StringComparison.Ordinal))
            {
                fields[0] = fields[0][headerMark.Length..];
                header = fields.Select((h, i) => (h, i)).GroupBy(p => p.h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().i, StringComparer.Ordinal);
                continue;
            }
            records++;
            if (rowLength == 0)
            {
                rowLength = fields.Length;
            }
            if (rowLength > 0 && fields.Length != rowLength)
            {
                _context.Warn($"<ERs> reader <{_config.Id}> {path}:{line}: wrong number of fields: expected {rowLength}, got {fields.Length}; skipped");
                continue;
            }
            if (await ProcessRecordAsync(new CsvRecord(fields, header), name, records, $"{path}:{line}", ct).ConfigureAwait(false))
            {
                events++;
            }
        }
        return (records, events);
    }

    /// <summary>A JSON file: one object (one event) or an array of objects (one each).</summary>
    private async Task<(int, int)> ReadJsonAsync(string path, string name, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray()] : new[] { document.RootElement };
        var (records, events) = (0, 0);
        foreach (var item in items)
        {
            records++;
            if (await ProcessRecordAsync(new JsonRecord(item), name, records, $"{path}[{records - 1}]", ct).ConfigureAwait(false))
            {
                events++;
            }
        }
        return (records, events);
    }

    /// <summary>An XML file: each element <c>xmlRootPath</c> (dot-separated from the document root) selects is one
    /// event; an empty root path makes the whole document one.</summary>
    private async Task<(int, int)> ReadXmlAsync(string path, string name, CancellationToken ct)
    {
        var document = new System.Xml.XmlDocument { XmlResolver = null };
        var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null };
        using (var reader = System.Xml.XmlReader.Create(path, settings))
        {
            document.Load(reader);
        }
        var root = _config.Opts.TryGetValue("xmlRootPath", out var rootOpt) && rootOpt.ValueKind == JsonValueKind.String ? rootOpt.GetString()! : "";
        var steps = root.Split('.', StringSplitOptions.RemoveEmptyEntries);
        System.Xml.XmlNode[] elements = steps.Length == 0
            ? [document]
            : [.. document.SelectNodes("/" + string.Join('/', steps))!.Cast<System.Xml.XmlNode>()];
        var (records, events) = (0, 0);
        foreach (var element in elements)
        {
            ct.ThrowIfCancellationRequested();
            records++;
            if (await ProcessRecordAsync(new XmlRecord(element, steps.Length), name, records, $"{path}:{root}[{records - 1}]", ct).ConfigureAwait(false))
            {
                events++;
            }
        }
        return (records, events);
    }

    /// <summary>
    /// A fixed-width file: every line a record of the first record's length, its columns read as
    /// <c>~*req.START-END</c>. When a template reads <c>~*hdr.…</c> the first line is the header, and when one reads
    /// <c>~*trl.…</c> the last is the trailer; every record's templates can read both. A line of another length is logged
    /// with its line number and skipped: CGRateS reads fixed-size blocks, so there one short line shifts every record
    /// after it. Unlike CGRateS, the header and trailer are not sent as events of their own.
    /// </summary>
    private async Task<(int, int)> ReadFwvAsync(string path, string name, CancellationToken ct)
    {
        var lines = SplitLines(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
        var (first, last) = (0, lines.Count);
        var header = _hasHeader && lines.Count > 0 ? new FwvRecord(lines[first++]) : null;
        var trailer = _hasTrailer && last > first ? new FwvRecord(lines[--last]) : null;
        var frame = new FileFrame(header, trailer);
        var (records, events, length) = (0, 0, -1);
        for (var i = first; i < last; i++)
        {
            ct.ThrowIfCancellationRequested();
            var line = lines[i];
            records++;
            length = length < 0 ? line.Length : length;
            if (line.Length != length)
            {
                _context.Warn($"<ERs> reader <{_config.Id}> {path}:{i + 1}: line of {line.Length} bytes where the first record has {length}; skipped");
                continue;
            }
            if (await ProcessRecordAsync(new FwvRecord(line), name, records, $"{path}:{i + 1}", ct, frame).ConfigureAwait(false))
            {
                events++;
            }
        }
        return (records, events);
    }

    /// <summary>The file's lines without their terminators (<c>\n</c> or <c>\r\n</c>), empty ones left out.</summary>
    private static List<byte[]> SplitLines(byte[] content)
    {
        var lines = new List<byte[]>();
        var start = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            var next = end < 0 ? content.Length : end + 1;
            end = end < 0 ? content.Length : end;
            if (end > start && content[end - 1] == (byte)'\r')
            {
                end--;
            }
            if (end > start)
            {
                lines.Add(content[start..end]);
            }
            start = next;
        }
        return lines;
    }

    /// <summary>One record through the pipeline, with the file's <c>*vars</c>; true when it became an event.</summary>
    private async Task<bool> ProcessRecordAsync(IRecord record, string fileName, int lineNumber, string where, CancellationToken ct,
        FileFrame frame = default)
    {
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["*fileName"] = fileName,
            ["*fileLineNumber"] = lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return await _pipeline.ProcessAsync(record, vars, where, ct, frame).ConfigureAwait(false) == RecordOutcome.Sent;
    }
}
