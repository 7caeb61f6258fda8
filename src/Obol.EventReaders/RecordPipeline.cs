using System.Text.Json;
using NodaTime;
using Obol.Cdrs;
using Obol.Config;
using Obol.Events;
using Obol.Exporters;
using Obol.Filters;
using Obol.GoJson;

namespace Obol.EventReaders;

/// <summary>What became of one record.</summary>
internal enum RecordOutcome
{
    /// <summary>Made into an event and handed to SessionS (or logged, for <c>*dryrun</c> and <c>*none</c>).</summary>
    Sent,

    /// <summary>The reader's filters left it out.</summary>
    Filtered,

    /// <summary>Its tenant, filters or templates could not be evaluated on it (a mandatory field missing, ...).</summary>
    Invalid,

    /// <summary>An event that SessionS answered with an error.</summary>
    Refused,
}

/// <summary>
/// What every reader type does with a record (ers.go processEvent with the agent request before it): the reader's
/// tenant rule and filters, its field templates into <c>*cgreq</c>, <c>*opts</c> and <c>*vars</c>, then the event to
/// SessionS as its flags say. Every failure is logged with where the record came from.
/// </summary>
internal sealed class RecordPipeline
{
    private static readonly string[] s_sections = ["*cgreq", "*opts", "*vars"];

    private readonly EventReaderConfig _config;
    private readonly ReaderContext _context;
    private readonly FieldTemplateSet _fields;
    private readonly FieldTemplateSet? _tenant;
    private readonly string _requestType;
    private readonly PerformanceReports _reports;

    /// <exception cref="ExporterDefinitionException">The timezone, templates, filters or flags cannot work.</exception>
    public RecordPipeline(EventReaderConfig config, ReaderContext context)
    {
        (_config, _context) = (config, context);
        var zone = config.Timezone switch
        {
            "" => context.Zone,
            "Local" => DateTimeZoneProviders.Tzdb.GetSystemDefault(),
            _ => DateTimeZoneProviders.Tzdb.GetZoneOrNull(config.Timezone)
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
        _requestType = ReaderRequests.RequestType(config.Flags)
            ?? throw new ExporterDefinitionException($"reader <{config.Id}>: unsupported reqType: <> (flags name none of *dryrun, *authorize, " +
                "*initiate, *update, *terminate, *message, *cdrs, *event, *none)");
        _reports = new PerformanceReports(config, context, _requestType);
    }

    /// <summary>One record; <paramref name="vars"/> are the reader's own <c>*vars</c> (<c>*readerID</c>, a file's name
    /// and line), <paramref name="where"/> names the record in log lines, <paramref name="frame"/> holds a fixed-width
    /// file's header and trailer.</summary>
    public async Task<RecordOutcome> ProcessAsync(IRecord record, Dictionary<string, object?> vars, string where, CancellationToken ct,
        FileFrame frame = default)
    {
        try
        {
            var outcome = await EventOfAsync(new ReaderData(record, vars, new SectionData(), frame), vars, where, ct).ConfigureAwait(false);
            await ExportRawAsync(record, outcome, where, ct).ConfigureAwait(false);
            return outcome;
        }
        catch (FilterEvaluationException e)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {e.Message}; skipped");
            return RecordOutcome.Invalid;
        }
    }

    /// <summary>ers.go exportRawEvent: the record to <c>ees_success_ids</c> once SessionS handled its event, or to
    /// <c>ees_failed_ids</c> when SessionS answered an error.</summary>
    private async Task ExportRawAsync(IRecord record, RecordOutcome outcome, string where, CancellationToken ct)
    {
        var ids = outcome switch
        {
            RecordOutcome.Sent => _config.EesSuccessIds,
            RecordOutcome.Refused => _config.EesFailedIds,
            _ => [],
        };
        if (ids.Count == 0 || _context.Exporters is not { } exporters)
        {
            return;
        }
        if (await exporters(_context.DefaultTenant, ids, record.Raw(), ct).ConfigureAwait(false) is { } error)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: exporting the raw event to {string.Join(',', ids)}: {error}");
        }
    }

    private async Task<RecordOutcome> EventOfAsync(ReaderData data, Dictionary<string, object?> vars, string where, CancellationToken ct)
    {
        vars["*readerID"] = _config.Id;
        var sections = data.Sections;
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
                return RecordOutcome.Invalid;
            }
        }
        var pass = _context.Filters.Pass(tenant, _config.Filters, data, now);
        if (pass.IsError)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: filter error: {pass.Error}; skipped");
            return RecordOutcome.Invalid;
        }
        if (!pass.Passed)
        {
            return RecordOutcome.Filtered;
        }
        if (!_fields.TryEvaluate(data, sections, tenant, _context.Filters, now, out var error))
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {error}; skipped");
            return RecordOutcome.Invalid;
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
        if (_requestType == ReaderRequests.DryRun)
        {
            return RecordOutcome.Sent;
        }
        var started = _context.Clock.GetCurrentInstant();
        var outcome = await SendAsync(ev, where, ct).ConfigureAwait(false);
        await _reports.SendAsync(ev.Tenant, outcome == RecordOutcome.Sent, started, ct).ConfigureAwait(false);
        return outcome;
    }

    private async Task<RecordOutcome> SendAsync(CgrEvent ev, string where, CancellationToken ct)
    {
        if (_requestType == "*none")
        {
            return RecordOutcome.Sent;
        }
        if (_context.Sessions is not { } sessions)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: {Primitives.ErrorCodes.NotConnectedTo("SessionS")}");
            return RecordOutcome.Refused;
        }
        if (await ReaderRequests.SendAsync(sessions, _requestType, _config.Flags, ev, ct).ConfigureAwait(false) is { } sendError)
        {
            _context.Warn($"<ERs> reader <{_config.Id}> {where}: SessionS answered {sendError}");
            return RecordOutcome.Refused;
        }
        return RecordOutcome.Sent;
    }
}
