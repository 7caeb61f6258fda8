using NodaTime;
using Obol.Config;
using Obol.Events;
using Obol.Exporters;
using Obol.Filters;
using Obol.SessionServer;

namespace Obol.EventReaders;

/// <summary>
/// ERs (ers/ers.go): the configured readers. A file reader scans its <c>source_path</c> every <c>run_delay</c> (after
/// <c>start_delay</c>), or watches it when run_delay is -1; a broker reader (<c>*amqp_json_map</c>) consumes its queue
/// whenever run_delay is not 0. run_delay 0 leaves a reader idle until ErSv1.RunReader. Readers of type <c>*none</c>
/// (the defaults' <c>*default</c>) read nothing. A reader whose configuration cannot work is refused when the engine
/// starts, naming it.
/// </summary>
public sealed class EventReaderService : IAsyncDisposable
{
    private readonly List<FileReader> _readers = [];
    private readonly List<AmqpReader> _brokers = [];
    private readonly ReaderContext _context;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly List<Timer> _timers = [];
    private readonly SemaphoreSlim _scanning = new(1, 1);

    /// <exception cref="ExporterDefinitionException">A reader's templates, filters, flags or type cannot work.</exception>
    /// <remarks><paramref name="exporters"/> is EEs for the readers' <c>ees_success_ids</c>/<c>ees_failed_ids</c>,
    /// <paramref name="stats"/> and <paramref name="thresholds"/> StatSv1/ThresholdSv1.ProcessEvent for their
    /// <c>*ersStats</c>/<c>*ersThresholds</c> reports; each null when its <c>*_conns</c> reaches none.</remarks>
    public EventReaderService(ErsConfig config, SessionService? sessions, FilterService filters, IClock clock, DateTimeZone zone, string defaultTenant,
        Action<string> info, Action<string> warn, RawEventExporter? exporters = null,
        Func<CgrEvent, CancellationToken, Task<string?>>? stats = null, Func<CgrEvent, CancellationToken, Task<string?>>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(warn);
        _context = new ReaderContext(sessions, filters, clock, zone, defaultTenant, info, warn, exporters) { Stats = stats, Thresholds = thresholds };
        foreach (var named in config.Readers.Where(r => exporters is null && (r.EesSuccessIds.Count > 0 || r.EesFailedIds.Count > 0)))
        {
            warn($"<ERs> reader <{named.Id}> names ees_success_ids/ees_failed_ids, but ers.ees_conns reaches no EEs of this engine; " +
                "its raw events are not exported");
        }
        foreach (var reader in config.Readers.Where(r => r.Type != "*none"))
        {
            if (reader.Type == AmqpReader.Type)
            {
                _brokers.Add(new AmqpReader(reader, _context));
            }
            else
            {
                _readers.Add(new FileReader(reader, _context));
            }
        }
    }

    /// <summary>The readers that read (every configured one but <c>*none</c>).</summary>
    public IReadOnlyList<string> ReaderIds => [.. _readers.Select(r => r.Config.Id), .. _brokers.Select(r => r.Config.Id)];

    /// <summary>Starts every reader's loop or watcher.</summary>
    public void Start()
    {
        foreach (var reader in _readers)
        {
            var runDelay = reader.Config.RunDelay;
            if (runDelay.Nanoseconds == 0)
            {
                continue;
            }
            Directory.CreateDirectory(reader.Config.SourcePath);
            _loops.Add(Task.Run(() => LoopAsync(reader, _stopping.Token)));
        }
        foreach (var broker in _brokers.Where(b => b.Config.RunDelay.Nanoseconds != 0))
        {
            _loops.Add(Task.Run(() => ConsumeAsync(broker, _stopping.Token)));
        }
    }

    /// <summary>Reads every reader's waiting files now (ErSv1.RunReader's effect for all of them), one reader at a time.</summary>
    public async Task<int> ScanAllAsync(CancellationToken ct = default)
    {
        var read = 0;
        foreach (var reader in _readers)
        {
            read += await ScanAsync(reader, ct).ConfigureAwait(false);
        }
        return read;
    }

    /// <summary>ErSv1.RunReader: reads a reader's waiting files now; only a reader that does not run by itself (run_delay
    /// 0) may be run so. Null when it ran, else CGRateS's error.</summary>
    public async Task<string?> RunReaderAsync(string readerId, CancellationToken ct = default)
    {
        var reader = _readers.FirstOrDefault(r => r.Config.Id == readerId);
        var broker = _brokers.FirstOrDefault(r => r.Config.Id == readerId);
        if ((reader?.Config ?? broker?.Config) is not { } config)
        {
            return Primitives.ErrorCodes.NotFound;
        }
        if (config.RunDelay.Nanoseconds != 0)
        {
            return "readers with RunDelay different from 0 are not supported";
        }
        if (reader is not null)
        {
            await ScanAsync(reader, ct).ConfigureAwait(false);
            return null;
        }
        try
        {
            await broker!.DrainAsync(ct).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (AmqpReader.IsBrokerFailure(e))
        {
            return $"SERVER_ERROR: {e.Message}";
        }
    }

    /// <summary>A broker reader's consumer, after <c>start_delay</c>, until the service stops.</summary>
    private static async Task ConsumeAsync(AmqpReader broker, CancellationToken ct)
    {
        try
        {
            if (broker.Config.StartDelay.Nanoseconds > 0)
            {
                await Task.Delay(ToTimeSpan(broker.Config.StartDelay), ct).ConfigureAwait(false);
            }
            await broker.RunAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task LoopAsync(FileReader reader, CancellationToken ct)
    {
        try
        {
            var start = reader.Config.StartDelay;
            if (start.Nanoseconds > 0)
            {
                await Task.Delay(ToTimeSpan(start), ct).ConfigureAwait(false);
            }
            if (reader.Config.RunDelay.Nanoseconds < 0)
            {
                Watch(reader, ct);
                await ScanAsync(reader, ct).ConfigureAwait(false);
                return;
            }
            var every = ToTimeSpan(reader.Config.RunDelay);
            while (!ct.IsCancellationRequested)
            {
                await ScanAsync(reader, ct).ConfigureAwait(false);
                await Task.Delay(every, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>run_delay -1 (CGRateS's inotify): a file created, moved or written into the folder is read once the
    /// folder has been quiet for <see cref="QuietPeriod"/>, so a file the switch is still writing is not read (and moved)
    /// half-written, as CGRateS's reading on creation can.</summary>
    private void Watch(FileReader reader, CancellationToken ct)
    {
        var quiet = new Timer(_ => _ = ScanUnlessStoppedAsync(reader, ct));
        var watcher = new FileSystemWatcher(reader.Config.SourcePath, "*" + reader.Suffix)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void Changed(object? sender, FileSystemEventArgs e) => quiet.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        watcher.Created += Changed;
        watcher.Renamed += (s, e) => Changed(s, e);
        watcher.Changed += Changed;
        watcher.EnableRaisingEvents = true;
        lock (_watchers)
        {
            _watchers.Add(watcher);
            _timers.Add(quiet);
        }
    }

    /// <summary>How long a watched folder must see no change before its files are read.</summary>
    internal TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(300);

    private async Task ScanUnlessStoppedAsync(FileReader reader, CancellationToken ct)
    {
        try
        {
            await ScanAsync(reader, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>One scan at a time across readers, so a watcher's burst of notifications never reads a file twice.</summary>
    private async Task<int> ScanAsync(FileReader reader, CancellationToken ct)
    {
        await _scanning.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await reader.ScanAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Warn($"<ERs> reader <{reader.Config.Id}>: cannot scan <{reader.Config.SourcePath}>: {e.Message}");
            return 0;
        }
        finally
        {
            _scanning.Release();
        }
    }

    private static TimeSpan ToTimeSpan(Primitives.Usage usage) => TimeSpan.FromTicks(Math.Max(1, usage.Nanoseconds / 100));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_watchers)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }
        }
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stopping.Dispose();
        _scanning.Dispose();
    }
}
