using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Sessions;

/// <summary>
/// The SessionS core (sessions/sessions.go): authorize, initiate, update and terminate per CGRID, with the prepaid debit
/// loop on <see cref="TimeProvider"/> timers. Attributes, resources, routes, thresholds, stats and ChargerS are the caller's.
/// </summary>
public sealed partial class SessionManager(ISessionRater rater, ISessionDisconnector disconnector, SessionOptions options, TimeProvider time,
    ISessionJournal? journal = null)
{
    private readonly ConcurrentDictionary<string, Session> _active = new(StringComparer.Ordinal);

    // Swapped whole by a configuration change; each use reads the options in force then.
    private volatile SessionOptions _options = options;
    // A null Session: the session's CDRs were posted, so only its CGRID is still remembered (for retried terminates).
    private readonly ConcurrentDictionary<string, (Session? Session, DateTimeOffset Expires)> _closed = new(StringComparer.Ordinal);

    // Closed sessions in the order they closed (so in expiry order): forgetting the expired ones looks only at the front.
    private readonly ConcurrentQueue<(string CgrId, DateTimeOffset Expires)> _closedOrder = new();

    public IReadOnlyCollection<Session> ActiveSessions => [.. _active.Values];

    /// <summary>The active sessions whose start is in the journal, and with it every debit since: the sessions a restart
    /// brings back (SessionSv1.BackupActiveSessions counts them; the journal is written as they change, so there is
    /// nothing left to write).</summary>
    public int BackedUpCount => _active.Values.Count(s => s.StartWritten);

    public Session? GetActive(string cgrId) => _active.GetValueOrDefault(cgrId);

    /// <summary>A configuration change (sessions.debit_interval, session_ttl...): used from the next debit or check on.</summary>
    public void Reconfigure(SessionOptions options) => _options = options;

    /// <summary>A terminated session still in the <c>*closed_sessions</c> window whose CDRs were not posted yet (what
    /// ProcessCDR reads).</summary>
    public Session? GetClosed(string cgrId) =>
        _closed.TryGetValue(cgrId, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Session : null;

    /// <summary>True while a terminated CGRID is in the <c>*closed_sessions</c> window, its CDRs posted or not: a
    /// retried terminate answers OK and charges nothing.</summary>
    public bool IsClosed(string cgrId) => _closed.TryGetValue(cgrId, out var entry) && entry.Expires > time.GetUtcNow();

    /// <summary>
    /// Once a closed session's CDRs are stored, only its CGRID stays for the rest of the window. The session itself
    /// (its events, costs and rating detail, several KB) would otherwise live the whole window, through two garbage
    /// collections into the oldest generation, at every call's rate. A retried ProcessCDR then finds the stored CDRs
    /// and answers EXISTS, as after the window.
    /// </summary>
    public void ReleaseClosed(Session session)
    {
        if (_closed.TryGetValue(session.CgrId, out var entry) && ReferenceEquals(entry.Session, session))
        {
            _closed.TryUpdate(session.CgrId, (null, entry.Expires), entry);
        }
    }

    /// <summary>
    /// GetMaxUsage of AuthorizeEvent (authEvent): authReqs runs ask <see cref="ISessionRater.GetMaxSessionTimeAsync"/>, the
    /// others answer the requested usage; the reply is the minimum, capped at the requested usage.
    /// </summary>
    public async Task<(Usage MaxUsage, string? Error)> AuthorizeAsync(SessionEvent request, CancellationToken cancellationToken = default)
    {
        var usage = RequestedUsage(request);
        var maxUsage = usage;
        foreach (var run in NewRuns(request))
        {
            if (!SessionRequestTypes.AsksRaterOnAuthorize(run.RequestType))
            {
                continue;
            }
            var (runMax, error) = await WithDynaprepaidAccountAsync(run, () => rater.GetMaxSessionTimeAsync(RunCallDescriptor.ForUsage(run.Call, usage),
                cancellationToken), r => r.Error, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return (Usage.Zero, error);
            }
            if (!runMax.IsUnlimited && runMax < maxUsage)
            {
                maxUsage = runMax;
            }
        }
        return (maxUsage, null);
    }

    /// <summary>
    /// InitiateSession: <c>EXISTS</c> for a known CGRID. Prepaid runs with a debit interval get a debit loop (first debit
    /// now) and the reply is -1; otherwise prepaid runs are debited the requested usage and the reply is the least granted.
    /// </summary>
    public Task<(Usage MaxUsage, string? Error)> InitiateAsync(SessionEvent request, CancellationToken cancellationToken = default) =>
        InitiateAsync(request, null, cancellationToken);

    /// <summary>As <see cref="InitiateAsync(SessionEvent, CancellationToken)"/>, filling <paramref name="byRun"/> with
    /// what each run was granted (-1 for runs left to debit loops), as ProcessEvent's derived reply lists them.</summary>
    public async Task<(Usage MaxUsage, string? Error)> InitiateAsync(SessionEvent request, Dictionary<string, Usage>? byRun,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = new Session(request.CgrId, NewRuns(request), request) { StartedAt = now, UpdatedAt = now };
        if (!_active.TryAdd(request.CgrId, session))
        {
            return (Usage.Zero, ErrorCodes.Exists);
        }
        ArmTtl(session);
        if (journal is not null)
        {
            session.IsJournaled = true;
            if (!session.Runs.Any(r => r.IsPrepaid))
            {
                await journal.WriteAsync([journal.Started(session)], cancellationToken).ConfigureAwait(false);
                session.StartWritten = true;
            }
        }
        var interval = request.DebitInterval ?? _options.DebitInterval;
        if (interval > Usage.Zero && session.Runs.Any(r => r.IsPrepaid))
        {
            StartLoops(session, interval);
            Granted(byRun, session, Usage.Unlimited);
            return (Usage.Unlimited, null);
        }
        return await UpdateCoreAsync(session, RequestedUsage(request), null, byRun, cancellationToken).ConfigureAwait(false);
    }

    private static void Granted(Dictionary<string, Usage>? byRun, Session session, Usage usage)
    {
        foreach (var run in session.Runs)
        {
            byRun?[run.RunId] = usage;
        }
    }

    /// <summary>
    /// UpdateSession: debits the requested usage on prepaid runs (served from reserve first, LastUsed correcting the previous
    /// grant). An unknown CGRID is initiated first, as CGRateS does, its debit loops started when it has a debit interval;
    /// the update is then granted its usage, which the loop debits.
    /// </summary>
    public Task<(Usage MaxUsage, string? Error)> UpdateAsync(SessionEvent request, CancellationToken cancellationToken = default) =>
        UpdateAsync(request, null, cancellationToken);

    /// <summary>As <see cref="UpdateAsync(SessionEvent, CancellationToken)"/>, filling <paramref name="byRun"/> with what
    /// each run was granted.</summary>
    public async Task<(Usage MaxUsage, string? Error)> UpdateAsync(SessionEvent request, Dictionary<string, Usage>? byRun,
        CancellationToken cancellationToken)
    {
        if (!_active.TryGetValue(request.CgrId, out var session))
        {
            var (initUsage, error) = await InitiateAsync(request, byRun, cancellationToken).ConfigureAwait(false);
            if (error == ErrorCodes.Exists)
            {
                return await UpdateAsync(request, byRun, cancellationToken).ConfigureAwait(false);
            }
            if (error is null && initUsage.IsUnlimited && _active.TryGetValue(request.CgrId, out var started))
            {
                Granted(byRun, started, RequestedUsage(request));
                return (RequestedUsage(request), null);
            }
            return (initUsage, error);
        }
        session.UpdatedAt = time.GetUtcNow();
        ArmTtl(session);
        return await UpdateCoreAsync(session, RequestedUsage(request), request.LastUsed, byRun, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(Usage MaxUsage, string? Error)> UpdateCoreAsync(Session session, Usage usage, Usage? lastUsed,
        Dictionary<string, Usage>? byRun, CancellationToken cancellationToken)
    {
        await session.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var maxUsage = usage;
            // While debit loops run they do the debiting: an update is granted what it asks (sessions.go updateSession).
            var looping = session.Loops is { } loops && Array.Exists(loops, l => !l.IsStopped);
            foreach (var run in session.Runs)
            {
                var (granted, error) = run.IsPrepaid && !looping ? await DebitRunAsync(session, run, usage, lastUsed, cancellationToken).ConfigureAwait(false)
                    : run.RequestType == Meta.PseudoPrepaid ? await PseudoPrepaidMaxUsageAsync(run, cancellationToken).ConfigureAwait(false)
                    : (usage, null);
                if (error is not null)
                {
                    return (Usage.Zero, error);
                }
                byRun?[run.RunId] = granted;
                if (!granted.IsUnlimited)
                {
                    maxUsage = Usage.Min(maxUsage, granted);
                }
            }
            return (maxUsage, null);
        }
        finally
        {
            session.Lock.Release();
        }
    }

    /// <summary>
    /// A <c>*pseudoprepaid</c> run debits only from its CDR, but each initiate and update asks RALs how long the account
    /// can pay for the usage the session started with (Responder.GetMaxSessionTime on the run's descriptor).
    /// </summary>
    private Task<(Usage MaxUsage, string? Error)> PseudoPrepaidMaxUsageAsync(SessionRun run, CancellationToken cancellationToken)
    {
        var usage = AsUsage(run.StartedEvent.Event.GetValueOrDefault(EventFields.Usage)) ?? _options.DefaultUsage;
        return rater.GetMaxSessionTimeAsync(RunCallDescriptor.ForUsage(run.Call, usage), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="call"/>; when it fails with <c>ACCOUNT_NOT_FOUND</c> on a <c>*dynaprepaid</c> run, creates the
    /// account (<see cref="SessionOptions.CreateDynaprepaidAccount"/>) and runs it again, as CGRateS's authEvent and
    /// debitSession do. A failure to create the account is the answer.
    /// </summary>
    private async Task<T> WithDynaprepaidAccountAsync<T>(SessionRun run, Func<Task<T>> call, Func<T, string?> errorOf, CancellationToken cancellationToken)
    {
        var result = await call().ConfigureAwait(false);
        if (errorOf(result) != ErrorCodes.AccountNotFound || run.RequestType != SessionRequestTypes.DynaPrepaid
            || _options.CreateDynaprepaidAccount is not { } create)
        {
            return result;
        }
        if (await create(run.Call.Tenant, run.Call.Account, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            _options.Warn?.Invoke($"<SessionS> *dynaprepaid account {run.Call.Tenant}:{run.Call.Account} not created: {failed}");
            return result;
        }
        return await call().ConfigureAwait(false);
    }

    private Usage RequestedUsage(SessionEvent request) => ExplicitUsage(request) ?? _options.DefaultUsage;

    /// <summary>The request's usage, else the (first run's) event Usage field, else null.</summary>
    private static Usage? ExplicitUsage(SessionEvent request) =>
        request.Usage ?? (request.Runs.Count > 0 ? AsUsage(request.Runs[0].Event.Event.GetValueOrDefault(EventFields.Usage)) : null);

    /// <summary>An event's Usage value as a usage; null when absent or not one.</summary>
    private static Usage? AsUsage(object? value) => value is not null && EventValues.TryAsUsage(value, out var parsed, out _) ? parsed : null;

    private List<SessionRun> NewRuns(SessionEvent request)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var runs = new List<SessionRun>(request.Runs.Count);
        FrozenCgrEvent? previous = null;
        foreach (var r in request.Runs)
        {
            // Runs forked by ChargerS mostly carry the same options: frozen against the previous run, they share them.
            var frozen = FrozenCgrEvent.From(r.Event, previous);
            runs.Add(new SessionRun(runs.Count, r.RunId, frozen, r.Event.FieldAsString(EventFields.RequestType) ?? "", RunCallDescriptor.From(r.Event, now)));
            previous = frozen;
        }
        return runs;
    }
}
