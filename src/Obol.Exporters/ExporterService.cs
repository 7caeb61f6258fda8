using System.Collections.Concurrent;
using Obol.Config;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Exporters;

/// <summary>
/// EEs (ees/ees.go EventExporterS): sends events to the configured exporters. Every exporter is checked and its
/// templates compiled in the constructor, which throws <see cref="ExporterDefinitionException"/> naming the
/// exporter and field at fault.
/// </summary>
public sealed class ExporterService : IAsyncDisposable
{
    public const string OptExporterId = "*exporterID";
    public const string OptVerbose = "*eesVerbose";

    private static readonly IReadOnlyDictionary<string, object?> s_noMetrics = new Dictionary<string, object?>();

    // A change of configuration (ConfigSv1) swaps the exporters whole; an export that started on the old ones ends on them.
    private volatile Setup _setup;
    private readonly ExporterServiceOptions _options;
    private readonly ExporterContext _context;
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly HttpClient? _ownedHttp;
    private readonly AmqpPublishers _amqp;

    public ExporterService(EesConfig config, FilterService filters, ExporterServiceOptions? options = null)
    {
        _options = options ?? new ExporterServiceOptions();
        var definitions = Compile(config);
        var http = _options.Http ?? (_ownedHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(2) });
        _amqp = new AmqpPublishers(_options.Log);
        _context = new ExporterContext(filters, _options.DefaultTenant, _options.LocalZone, _options.Time, http, _amqp, _options.Log);
        _setup = new Setup(config, definitions, new ExporterCache(config, _context));
    }

    /// <summary>
    /// Checks <paramref name="config"/>'s exporters (throwing <see cref="ExporterDefinitionException"/> as the
    /// constructor does) and returns what puts them in force: exports from then on use them, and the exporters kept
    /// open for the old ones are closed once the exports under way have had time to end.
    /// </summary>
    public Action PrepareReconfigure(EesConfig config)
    {
        var definitions = Compile(config);
        return () =>
        {
            var old = _setup;
            _setup = new Setup(config, definitions, new ExporterCache(config, _context));
            Track(CloseLaterAsync(old.Cache));
        };
    }

    private static async Task CloseLaterAsync(ExporterCache cache)
    {
        await Task.Delay(TimeSpan.FromSeconds(10));
        await cache.DisposeAsync();
    }

    private ExporterDefinition[] Compile(EesConfig config) =>
        [.. config.Exporters.Select(e => ExporterDefinition.Compile(e, _options.DefaultTimezone, _options.LocalZone))];

    /// <summary>EeSv1.ProcessEvent: every selected exporter (all when <paramref name="exporterIds"/> is empty) whose
    /// filters pass exports the event; synchronous ones are awaited.</summary>
    public async Task<EeProcessReply> ProcessEventAsync(CgrEvent ev, IReadOnlyList<string>? exporterIds, CancellationToken cancellationToken)
    {
        var verbose = ev.ApiOpts.ContainsKey(OptVerbose);
        var replies = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        var failed = false;
        foreach (var definition in Selected(exporterIds))
        {
            var (exportEvent, error) = await PrepareEventAsync(definition, ev, cancellationToken);
            if (error is not null)
            {
                return new EeProcessReply(replies, error);
            }
            if (exportEvent is null)
            {
                continue;
            }
            EventExporter exporter;
            bool oneTime;
            try
            {
                (exporter, oneTime) = _setup.Cache.Acquire(definition);
            }
            catch (Exception e) when (IsExportFailure(e))
            {
                return new EeProcessReply(replies, $"failed to init EventExporter \"{definition.Id}\": {e.Message}");
            }
            replies[definition.Id] = s_noMetrics;
            if (!definition.Config.Synchronous)
            {
                if (verbose)
                {
                    _context.Log.Warning($"<EEs> with id <{definition.Id}>, running verbosed exporter with synchronous false");
                }
                Track(ExportOneAsync(exporter, exportEvent, oneTime, CancellationToken.None));
                continue;
            }
            failed |= !await ExportOneAsync(exporter, exportEvent, oneTime, cancellationToken);
            if (verbose)
            {
                replies[definition.Id] = exporter.Metrics.Snapshot();
            }
        }
        if (failed)
        {
            return new EeProcessReply(replies, ErrorCodes.PartiallyExecuted);
        }
        return new EeProcessReply(replies, replies.Count == 0 ? ErrorCodes.NotFound : null);
    }

    /// <summary>
    /// The export behind APIerSv1.ExportCDRs: each selected exporter opens once, takes every event its filters pass
    /// (in order, awaited whatever <c>synchronous</c> says) and closes, so a file exporter writes one file per call.
    /// Metrics are returned when <paramref name="verbose"/>.
    /// </summary>
    public async Task<EeProcessReply> ExportBatchAsync(IReadOnlyList<CgrEvent> events, IReadOnlyList<string>? exporterIds, bool verbose,
        CancellationToken cancellationToken)
    {
        var replies = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        string? firstError = null;
        foreach (var definition in Selected(exporterIds))
        {
            EventExporter? exporter = null;
            try
            {
                foreach (var ev in events)
                {
                    var (exportEvent, error) = await PrepareEventAsync(definition, ev, cancellationToken);
                    if (error is not null)
                    {
                        firstError ??= error;
                        continue;
                    }
                    if (exportEvent is null)
                    {
                        continue;
                    }
                    exporter ??= EventExporter.Create(definition, _context);
                    if (!await ExportOneAsync(exporter, exportEvent, oneTime: false, cancellationToken))
                    {
                        firstError ??= ErrorCodes.PartiallyExecuted;
                    }
                }
            }
            catch (Exception e) when (IsExportFailure(e))
            {
                firstError ??= $"failed to init EventExporter \"{definition.Id}\": {e.Message}";
            }
            finally
            {
                if (exporter is not null)
                {
                    await exporter.DisposeAsync();
                }
            }
            if (exporter is not null)
            {
                replies[definition.Id] = verbose ? exporter.Metrics.Snapshot() : s_noMetrics;
            }
        }
        if (firstError is not null)
        {
            _context.Log.Warning($"<EEs> export batch: {firstError}");
            return new EeProcessReply(replies, ErrorCodes.PartiallyExecuted);
        }
        return new EeProcessReply(replies, replies.Count == 0 ? ErrorCodes.NotFound : null);
    }

    /// <summary>
    /// APIerSv1.ReplayFailedPosts for EEs: every failed-posts file in <paramref name="sourcePath"/> (default
    /// <c>ees.failed_posts.dir</c>) is read, removed and sent again with its attempts; what fails again goes to a new
    /// file in <paramref name="failedPath"/> (default the source; <c>*none</c> drops it).
    /// </summary>
    public async Task<ReplayResult> ReplayFailedPostsAsync(string? sourcePath, string? failedPath, CancellationToken cancellationToken)
    {
        var source = string.IsNullOrEmpty(sourcePath) ? _setup.Config.FailedPostsDir : sourcePath;
        var target = string.IsNullOrEmpty(failedPath) ? source : failedPath;
        int files = 0, replayed = 0, failedCount = 0;
        if (!Directory.Exists(source))
        {
            return new ReplayResult(0, 0, 0);
        }
        foreach (var file in Directory.GetFiles(source, FailedPostBatch.FilePrefix + "*" + FailedPostBatch.FileSuffix).Order(StringComparer.Ordinal))
        {
            var batch = await FailedPostBatch.ReadAndRemoveAsync(file, cancellationToken);
            files++;
            var config = new ExporterConfig
            {
                Id = "ReplayFailedPosts",
                Type = batch.Type,
                ExportPath = batch.Path,
                FailedPostsDir = Meta.None,
                Attempts = batch.Attempts,
                Synchronous = batch.Synchronous,
                Opts = batch.Opts,
            };
            var definition = ExporterDefinition.Compile(config, _options.DefaultTimezone, _options.LocalZone);
            var exporter = EventExporter.Create(definition, _context);
            var stillFailing = new List<ExportPayload>();
            await using (exporter)
            {
                foreach (var payload in batch.Events)
                {
                    if (await ExportWithAttemptsAsync(exporter, payload, cancellationToken))
                    {
                        replayed++;
                    }
                    else
                    {
                        stillFailing.Add(payload);
                    }
                }
            }
            failedCount += stillFailing.Count;
            if (stillFailing.Count != 0 && target != Meta.None)
            {
                await (batch with { Events = stillFailing }).WriteAsync(target, cancellationToken);
            }
        }
        return new ReplayResult(files, replayed, failedCount);
    }

    /// <summary>Waits for exports of non-synchronous exporters still running.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_background.Keys);

    /// <summary>EeSv1.ResetExporterMetrics: the named exporter's metrics back to their start; false (NOT_FOUND) unless it
    /// is kept open in <c>ees.cache</c>.</summary>
    public bool ResetMetrics(string exporterId) => _setup.Cache.TryResetMetrics(exporterId, _context.Now);

    private sealed record Setup(EesConfig Config, ExporterDefinition[] Definitions, ExporterCache Cache);

    public async ValueTask DisposeAsync()
    {
        await WhenIdleAsync();
        await _setup.Cache.DisposeAsync();
        await _amqp.DisposeAsync();
        _ownedHttp?.Dispose();
    }

    private IEnumerable<ExporterDefinition> Selected(IReadOnlyList<string>? exporterIds) =>
        _setup.Definitions.Where(d => d.Config.Type != Meta.None && (exporterIds is null || exporterIds.Count == 0 || exporterIds.Contains(d.Id)));

    /// <summary>The event as this exporter sees it: null when its filters reject it, or an error.</summary>
    private async Task<(CgrEvent? Event, string? Error)> PrepareEventAsync(ExporterDefinition definition, CgrEvent ev,
        CancellationToken cancellationToken)
    {
        var exportEvent = ev.Clone();
        exportEvent.ApiOpts[OptExporterId] = definition.Id;
        var tenant = exportEvent.Tenant.Length != 0 ? exportEvent.Tenant : _options.DefaultTenant;
        var pass = _context.Filters.Pass(tenant, definition.Config.Filters, exportEvent.ToFilterEvent(), _context.Now);
        if (pass.IsError)
        {
            return (null, pass.Error);
        }
        if (!pass.Passed)
        {
            return (null, null);
        }
        if (!definition.Config.Flags.Contains("*attributes"))
        {
            return (exportEvent, null);
        }
        if (_options.Attributes is null)
        {
            return (null, ErrorCodes.NotConnectedTo("AttributeS"));
        }
        var context = definition.Config.AttributeContext.Length != 0 ? definition.Config.AttributeContext
            : exportEvent.OptAsString("*context") is { Length: > 0 } fromEvent ? fromEvent : "*ees";
        var altered = await _options.Attributes.ProcessAsync(exportEvent, definition.Config.AttributeIds, context, cancellationToken);
        return (altered, null);
    }

    /// <summary>exportEventWithExporter: template, export with attempts, metrics; true when it went out.</summary>
    private async Task<bool> ExportOneAsync(EventExporter exporter, CgrEvent ev, bool oneTime, CancellationToken cancellationToken)
    {
        var exported = false;
        try
        {
            exporter.Metrics.IncrementEvents();
            ExportPayload payload;
            var content = exporter.Definition.Template.Content;
            if (content.Length == 0)
            {
                payload = exporter.PrepareEvent(ev);
            }
            else
            {
                var vars = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["*tenant"] = ev.Tenant,
                    [OptExporterId] = exporter.Config.Id,
                };
                var data = new FilterEvent(ev.Event, ev.ApiOpts, vars).With("*em", exporter.Metrics.Snapshot());
                var tenant = ev.Tenant.Length != 0 ? ev.Tenant : _options.DefaultTenant;
                if (!ExportTemplate.TryEvaluate(content, data, tenant, _context.Filters, _context.Now, out var record, out var error))
                {
                    _context.Log.Warning($"<EEs> Exporter <{exporter.Config.Id}> error : <failed to populate ExportRequest fields: {error}>");
                    return false;
                }
                payload = exporter.Prepare(record);
            }
            exported = await ExportWithAttemptsAsync(exporter, payload, cancellationToken);
            if (!exported)
            {
                await AddFailedPostAsync(exporter.Config, payload, cancellationToken);
            }
            return exported;
        }
        finally
        {
            exporter.Metrics.Record(ev, !exported, exporter.Definition.Zone, _context.Now);
            if (oneTime)
            {
                await exporter.DisposeAsync();
            }
        }
    }

    /// <summary>ExportWithAttempts: up to <c>attempts</c> tries with the retry delay between them.</summary>
    private async Task<bool> ExportWithAttemptsAsync(EventExporter exporter, ExportPayload payload, CancellationToken cancellationToken)
    {
        var config = exporter.Config;
        if (config.Flags.Contains("*log"))
        {
            _context.Log.Info($"<EEs> LOG, exporter <{config.Id}>, message: {payload.Describe()}");
        }
        var attempts = Math.Max(1, config.Attempts);
        Exception? last = null;
        for (var i = 0; i < attempts; i++)
        {
            try
            {
                await exporter.ExportAsync(payload, cancellationToken);
                return true;
            }
            catch (Exception e) when (IsExportFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }
            if (i + 1 < attempts)
            {
                await Task.Delay(_options.RetryDelay(i + 1), _context.Time, cancellationToken);
            }
        }
        _context.Log.Warning($"<EEs> Exporter <{config.Id}> could not export because err: <{last?.Message}>");
        return false;
    }

    /// <summary>AddFailedPost: kept for replay unless the exporter's failed_posts_dir is <c>*none</c>. Written at once,
    /// one file per failure (CGRateS gathers them for <c>failed_posts.ttl</c> first).</summary>
    private async Task AddFailedPostAsync(ExporterConfig config, ExportPayload payload, CancellationToken cancellationToken)
    {
        var directory = config.FailedPostsDir.Length != 0 ? config.FailedPostsDir : _setup.Config.FailedPostsDir;
        if (directory.Length == 0 || directory == Meta.None)
        {
            return;
        }
        var batch = new FailedPostBatch
        {
            Path = config.ExportPath,
            Type = config.Type,
            Attempts = config.Attempts,
            Synchronous = config.Synchronous,
            Opts = config.Opts,
            Events = [payload],
        };
        try
        {
            await batch.WriteAsync(directory, cancellationToken);
        }
        catch (IOException e)
        {
            _context.Log.Warning($"<EEs> Failed to write failed post in <{directory}> because <{e.Message}>");
        }
    }

    private void Track(Task task)
    {
        _background[task] = 0;
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // What a failed export looks like; anything else is a bug and propagates.
    private static bool IsExportFailure(Exception e) =>
        e is ExportException or IOException or HttpRequestException or UnauthorizedAccessException or ObjectDisposedException
            or TaskCanceledException or InvalidOperationException;
}
