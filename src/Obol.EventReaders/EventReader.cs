using System.Text.Json;
using CsvHelper;
using NodaTime;
using Obol.Cdrs;
using Obol.Config;
using Obol.Events;
using Obol.Exporters;
using Obol.Filters;
using Obol.GoJson;
using Obol.SessionServer;

namespace Obol.EventReaders;

/// <summary>
/// One configured reader (ers/filecsv.go, filejson.go): each file of its type in <c>source_path</c> is read record by
/// record; a record passing the reader's filters becomes an event through its field templates and goes to SessionS
/// as its flags say; the file then moves to <c>processed_path</c>. Unlike CGRateS, which stops at a record that fails
/// its templates and leaves the file to be read again (sending its first records twice), a failing record is logged
/// with its file and line and the rest of the file is read.
/// </summary>
internal sealed class EventReader
{
    private static readonly string[] s_sections = ["*cgreq", "*opts", "*vars"];

    private readonly EventReaderConfig _config;
    private readonly ReaderContext _context;
    private readonly FieldTemplateSet _fields;
    private readonly FieldTemplateSet? _tenant;
    private readonly string? _requestType;

    public EventReader(EventReaderConfig config, ReaderContext context)
    {
        (_config, _context) = (config, context);
        var zone = _config.Timezone switch
        {
            "" => context.Zone,
            "Local" => DateTimeZoneProviders.Tzdb.GetSystemDefault(),
            _ => DateTimeZoneProviders.Tzdb.GetZoneOrNull(_config.Timezone)
                ?? throw new ExporterDefinitionException($"reader <{config.Id}>: unknown timezone <{config.Timezone}>"),
        };
        _fields = FieldTemplateSet.Compile("reader", config.Id, config.Fields, s_sections, zone, context.Zone);
        if (config.Tenant.Length != 0)
        {
            _tenant = FieldTemplateSet.Compile("reader", config.Id,
                [new FieldTemplate { Tag = "Tenant", Path = "*vars.*tenant", Type = config.Tenant.StartsWith('~') ? "*variable" : "*constant", Value = config.Tenant }],
                ["*vars"], zone, context.Zone);
        }
        if (FilterService.CheckInline(config.Filters) is [var problem, ..])
        {
            throw new ExporterDefinitionException($"reader <{config.Id}>: invalid filter: {problem}");
        }
        _requestType = ReaderRequests.RequestType(config.Flags);
        if (_requestType is null)
        {
            throw new ExporterDefinitionException($"reader <{config.Id}>: unsupported reqType: <> (flags name none of *dryrun, *authorize, " +
                "*initiate, *update, *terminate, *message, *cdrs, *event, *none)");
        }
        Suffix = config.Type switch
        {
            "*file_csv" => ".csv",
            "*file_json" => ".json",
            "*file_xml" => ".xml",
            _ => throw new ExporterDefinitionException($"reader <{config.Id}>: unsupported type <{config.Type}> (Obol reads *file_csv, *file_json and *file_xml)"),
        };
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

    /// <summary>One record: filters, templates, the event sent; false when it was filtered out or failed.</summary>
    private async Task<bool> ProcessRecordAsync(IRecord record, string fileName, int lineNumber, string where, CancellationToken ct)
    {
        try
        {
            return await EventOfAsync(record, fileName, lineNumber, where, ct).ConfigureAwait(false);
        }
        catch (FilterEvaluationException e)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {e.Message}; skipped");
            return false;
        }
    }

    private async Task<bool> EventOfAsync(IRecord record, string fileName, int lineNumber, string where, CancellationToken ct)
    {
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["*fileName"] = fileName,
            ["*fileLineNumber"] = lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["*readerID"] = _config.Id,
        };
        var sections = new SectionData();
        var data = new ReaderData(record, vars, sections);
        var now = _context.Clock.GetCurrentInstant();
        var tenant = _context.DefaultTenant;
        if (_tenant is not null)
        {
            var tenantData = new SectionData();
            if (_tenant.TryEvaluate(data, tenantData, tenant, _context.Filters, now, out var tenantError)
                && tenantData.Values("*vars").GetValueOrDefault("*tenant") is string { Length: > 0 } named)
            {
                tenant = named;
            }
            else if (tenantError is not null)
            {
                _context.Warn($"<ERs> reader <{_config.Id}> {where}: tenant: {tenantError}; skipped");
                return false;
            }
        }
        var pass = _context.Filters.Pass(tenant, _config.Filters, data, now);
        if (pass.IsError)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: filter error: {pass.Error}; skipped");
            return false;
        }
        if (!pass.Passed)
        {
            return false;
        }
        if (!_fields.TryEvaluate(data, sections, tenant, _context.Filters, now, out var error))
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {error}; skipped");
            return false;
        }
        var ev = new CgrEvent
        {
            Tenant = tenant,
            Id = Cgrid.NewEventId(),
            Time = now,
            Event = sections.Values("*cgreq"),
            ApiOpts = sections.Values("*opts"),
        };
        if (_requestType == ReaderRequests.DryRun || _config.Flags.Contains(ReaderRequests.Log))
        {
            var prefix = _requestType == ReaderRequests.DryRun ? "DRY_RUN" : "LOG";
            _context.Info($"<ERs> {prefix}, reader: <{_config.Id}>, CGREvent: {JsonSerializer.Serialize(ev, GoJsonOptions.Default)}");
        }
        if (_requestType is ReaderRequests.DryRun or "*none")
        {
            return true;
        }
        if (_context.Sessions is not { } sessions)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {Primitives.ErrorCodes.NotConnectedTo("SessionS")}");
            return false;
        }
        if (await ReaderRequests.SendAsync(sessions, _requestType!, _config.Flags, ev, ct).ConfigureAwait(false) is { } sendError)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: SessionS answered {sendError}");
            return false;
        }
        return true;
    }
}

/// <summary>What every reader shares: SessionS (null when sessions_conns reaches none), FilterS, the clock and zone,
/// the default tenant and the log.</summary>
internal sealed record ReaderContext(SessionService? Sessions, FilterService Filters, IClock Clock, DateTimeZone Zone, string DefaultTenant,
    Action<string> Info, Action<string> Warn);
