using NodaTime;
using System.Text.Json.Serialization;
using Obol.Api.JsonRpc;
using Obol.Cdrs;
using Obol.Config;
using Obol.EventReaders;
using Obol.Events;
using Obol.Exporters;
using Obol.Logging;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary><c>ers</c> when enabled: the readers reach SessionS in process when <c>sessions_conns</c> names this engine
/// (<c>*internal</c>, <c>*localhost</c>, <c>*birpc_internal</c>), and its EEs when <c>ees_conns</c> does. Its readers
/// and connections change live (ConfigSv1): the new readers are built and checked first, then replace the old ones.</summary>
internal static class ErsWiring
{
    private static readonly HashSet<string> s_local = new(StringComparer.Ordinal) { "*internal", "*localhost", "*birpc_internal" };
    private static readonly HashSet<string> s_liveKeys = new(StringComparer.Ordinal)
    {
        "readers", "sessions_conns", "ees_conns", "stats_conns", "thresholds_conns", "concurrent_events", "partial_cache_ttl",
    };

    /// <summary>The readers, ErSv1 registered, not yet reading (<see cref="ErsHost.Start"/>); null when ERs is off; the
    /// error naming a reader that cannot work.</summary>
    public static (ErsHost? Readers, string? Error) Create(JsonRpcDispatcher dispatcher, ObolConfig config, SessionService? sessions,
        EventSubsystems events, DateTimeZone zone, string tenant, EngineLog log, LiveConfig live)
    {
        if (!config.Ers.Enabled)
        {
            return (null, null);
        }
        EventReaderService Build(ErsConfig section)
        {
            var local = section.SessionsConns.Any(s_local.Contains);
            if (!local && section.SessionsConns.Count > 0)
            {
                log.Warning($"<ERs> sessions_conns {string.Join(',', section.SessionsConns)} name no SessionS of this engine; " +
                    "Obol's readers reach only their own engine's, so their events go nowhere");
            }
            RawEventExporter? exporters = events.Exporters is { } ees && section.EesConns.Any(s_local.Contains)
                ? async (rawTenant, ids, raw, ct) =>
                    (await ees.ProcessEventAsync(new CgrEvent { Tenant = rawTenant, Id = Cgrid.NewEventId(), Event = raw }, ids, ct)
                        .ConfigureAwait(false)).Error
                : null;
            Func<CgrEvent, CancellationToken, Task<string?>>? stats = section.StatsConns.Any(s_local.Contains)
                ? async (ev, ct) => (await events.Stats.ProcessEventAsync(ev, SystemClock.Instance.GetCurrentInstant(), ct).ConfigureAwait(false)).Error
                : null;
            Func<CgrEvent, CancellationToken, Task<string?>>? thresholds = section.ThresholdsConns.Any(s_local.Contains)
                ? async (ev, ct) => (await events.Thresholds.ProcessEventAsync(ev, SystemClock.Instance.GetCurrentInstant(), ct).ConfigureAwait(false)).Error
                : null;
            return new EventReaderService(section, local ? sessions : null, events.Catalog.Filters, SystemClock.Instance, zone, tenant,
                log.Info, log.Warning, exporters, stats, thresholds);
        }
        ErsHost readers;
        try
        {
            readers = new ErsHost(Build(config.Ers));
        }
        catch (ExporterDefinitionException e)
        {
            return (null, $"ers: {e.Message}");
        }
        live.AddLive("ers", s_liveKeys, c =>
        {
            try
            {
                return Build(c.Ers);
            }
            catch (ExporterDefinitionException e)
            {
                throw new LiveConfigException(e.Message);
            }
        }, next =>
        {
            readers.Replace(next);
            log.Info($"<ERs> readers reloaded: {string.Join(", ", next.ReaderIds)}");
        });
        dispatcher.AddPing("ErSv1");
        dispatcher.Add<RunReaderArgs, string>("ErSv1.RunReader", async (a, ct) =>
            await readers.Current.RunReaderAsync(a.ReaderId ?? "", ct).ConfigureAwait(false) is { } error ? RpcResult.Fail<string>(error) : "OK");
        log.Info($"<ERs> readers: {string.Join(", ", readers.Current.ReaderIds)}");
        return (readers, null);
    }
}

/// <summary>The readers in force: a reload stops the old ones (a file being read is finished by the new ones, whose
/// CDRs a repeat does not charge twice) before the new ones start.</summary>
internal sealed class ErsHost(EventReaderService initial) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private EventReaderService _current = initial;
    private Task _switching = Task.CompletedTask;
    private bool _started;

    public EventReaderService Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            _started = true;
            _current.Start();
        }
    }

    public void Replace(EventReaderService next)
    {
        lock (_gate)
        {
            var old = _current;
            _current = next;
            _switching = SwitchAsync(_switching, old, next, _started);
        }
    }

    private static async Task SwitchAsync(Task previous, EventReaderService old, EventReaderService next, bool start)
    {
        await previous.ConfigureAwait(false);
        await old.DisposeAsync().ConfigureAwait(false);
        if (start)
        {
            next.Start();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task switching;
        lock (_gate)
        {
            switching = _switching;
        }
        await switching.ConfigureAwait(false);
        await Current.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>ers.V1RunReaderParams.</summary>
internal sealed record RunReaderArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    [JsonPropertyName("ReaderID")]
    public string? ReaderId { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}
