using NodaTime;
using Obol.Cdrs;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.Sessions;

namespace Obol.SessionServer;

/// <summary>
/// SessionS (sessions/sessions.go): each SessionSv1 request runs AttributeS, ResourceS, RouteS, ThresholdS and StatS as
/// its flags say, forks the call into ChargerS runs and hands the charging to the <see cref="SessionManager"/> core.
/// Ended sessions become CDRs through CDRs; sessions ended by the engine are also disconnected at the agent.
/// </summary>
public sealed partial class SessionService : IAgentSessions, ISessionDisconnector, IAsyncDisposable
{
    private volatile SessionServiceOptions _options;
    private volatile SessionSubsystems _subsystems;
    private readonly ISessionClients? _clients;
    private readonly FilterService? _filters;
    private readonly IClock _clock;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly CancellationTokenSource _stop = new();
    private Task? _syncLoop;

    // When the previous channel-sync round began (UTC ticks); the first round judges the sessions older than the service.
    private long _previousSyncTicks;

    public SessionService(SessionServiceOptions options, ISessionRater rater, SessionSubsystems subsystems, ISessionClients? clients,
        FilterService? filters, IClock clock, TimeProvider time, Action<string> warn, ISessionJournal? journal = null)
    {
        _options = options;
        _subsystems = subsystems;
        _clients = clients;
        _filters = filters;
        _clock = clock;
        _time = time;
        _previousSyncTicks = time.GetUtcNow().UtcTicks;
        _warn = warn;
        Manager = new SessionManager(rater, this, options.Core, time, journal);
    }

    public SessionManager Manager { get; }

    public SessionServiceOptions Options => _options;

    /// <summary>A configuration change: requests from now on, and the sessions' next debits and checks, use
    /// <paramref name="options"/> and call <paramref name="subsystems"/>.</summary>
    public void Reconfigure(SessionServiceOptions options, SessionSubsystems subsystems)
    {
        _options = options;
        _subsystems = subsystems;
        Manager.Reconfigure(options.Core);
    }

    /// <summary>Starts asking the agents for their channels every <paramref name="interval"/> (channel_sync_interval).</summary>
    public void StartChannelSync(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || _syncLoop is not null)
        {
            return;
        }
        _syncLoop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    await SyncSessionsAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // shutting down
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_syncLoop is not null)
        {
            await _syncLoop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    /// <summary>Fills the event's ID (a UUID) and tenant as every SessionSv1 method does first; null or the error.</summary>
    private string? Prepare(CgrEvent? ev)
    {
        if (ev is null)
        {
            return ErrorCodes.MandatoryIeMissingFields("CGREvent");
        }
        if (ev.Event is null)
        {
            return ErrorCodes.MandatoryIeMissingFields("Event");
        }
        ev.ApiOpts ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(ev.Id))
        {
            ev.Id = Guid.NewGuid().ToString();
        }
        if (string.IsNullOrEmpty(ev.Tenant))
        {
            ev.Tenant = _options.DefaultTenant;
        }
        return null;
    }

    private Instant Now => _clock.GetCurrentInstant();

    /// <summary>GetSetCGRID: the event's CGRID, else sha1(OriginID, OriginHost) written into it.</summary>
    internal static string CgrIdOf(CgrEvent ev)
    {
        if (ev.FieldAsString(SessionFields.CgrId) is { Length: > 0 } known)
        {
            return known;
        }
        var cgrId = Cgrid.Compute(ev.FieldAsString(EventFields.OriginId) ?? "", ev.FieldAsString(EventFields.OriginHost) ?? "");
        ev.Event[SessionFields.CgrId] = cgrId;
        return cgrId;
    }

    private static Usage? UsageField(CgrEvent ev, string field) =>
        ev.Event.GetValueOrDefault(field) is { } value && EventValues.TryAsUsage(value, out var usage, out _) ? usage : null;

    /// <summary>The request's usage: the event's Usage (or LastUsed, as newSession), else default_usage for its ToR.</summary>
    private Usage RequestedUsage(CgrEvent ev) =>
        UsageField(ev, EventFields.Usage) ?? UsageField(ev, SessionFields.LastUsed) ?? _options.DefaultUsageFor(ev.FieldAsString(EventFields.ToR));

    /// <summary>The <c>*sessionsDebitInterval</c> option, else null (the configured interval).</summary>
    private static (Usage? Interval, string? Error) DebitIntervalOption(CgrEvent ev)
    {
        if (!ev.ApiOpts.TryGetValue(SessionFields.OptsDebitInterval, out var value) || value is null)
        {
            return (null, null);
        }
        return EventValues.TryAsUsage(value, out var interval, out var error) ? (interval, null) : (null, ErrorCodes.SubsystemError("RALS", error ?? "invalid"));
    }

    /// <summary>ChargerS runs of the event (processChargerS), as the core's run events.</summary>
    private (IReadOnlyList<SessionRunEvent> Runs, string? Error) Fork(CgrEvent ev)
    {
        if (_subsystems.Chargers is not { } chargers)
        {
            return ([], "ChargerS is disabled");
        }
        var result = chargers.ProcessEvent(ev.Clone(), Now);
        if (result.Error is { } error)
        {
            return ([], ErrorCodes.SubsystemError("CHARGERS", error));
        }
        return ([.. result.Runs.Select(r => new SessionRunEvent(r.CgrEvent.FieldAsString(EventFields.RunId) ?? "", WithCategory(r.CgrEvent)))], null);
    }

    /// <summary>newSession's <c>category := FirstNonEmpty(Category, general.default_category)</c> for the run's
    /// CallDescriptor, kept on the run's event, which is what Obol's runs are rated from.</summary>
    private CgrEvent WithCategory(CgrEvent ev)
    {
        if (string.IsNullOrEmpty(ev.FieldAsString(EventFields.Category)))
        {
            ev.Event[EventFields.Category] = _options.DefaultCategory;
        }
        return ev;
    }

    private (SessionEvent? Request, string? Error) SessionRequest(CgrEvent ev, string cgrId, string? clientId, bool fork)
    {
        IReadOnlyList<SessionRunEvent> runs = [];
        if (fork)
        {
            var (forked, error) = Fork(ev);
            if (error is not null)
            {
                return (null, error);
            }
            runs = forked;
        }
        var (interval, intervalError) = DebitIntervalOption(ev);
        if (intervalError is not null)
        {
            return (null, intervalError);
        }
        return (new SessionEvent(cgrId, runs)
        {
            Usage = UsageField(ev, EventFields.Usage),
            LastUsed = UsageField(ev, SessionFields.LastUsed),
            DebitInterval = interval,
            ClientId = clientId,
            StartEvent = ev,
        }, null);
    }
}
