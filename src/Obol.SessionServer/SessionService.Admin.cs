using Obol.Events;
using Obol.Primitives;
using Obol.Sessions;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    /// <summary>filterSessions: one entry per run of the sessions whose run events pass every filter, up to Limit.</summary>
    public (IReadOnlyList<ExternalSession> Sessions, string? Error) GetActiveSessions(SessionFilterArgs? filter)
    {
        filter ??= new SessionFilterArgs();
        List<ExternalSession> found = [];
        var error = ForEachMatchingRun(filter, Manager.ActiveSessions.OrderBy(s => s.CgrId, StringComparer.Ordinal), (session, run) =>
        {
            found.Add(External(session, run));
            return filter.Limit is not { } limit || limit <= 0 || found.Count < limit;
        });
        return error is null ? (found, null) : ([], error);
    }

    /// <summary>How many runs GetActiveSessions would list without a limit, without building them: agents and
    /// monitoring ask this often while thousands of calls are up.</summary>
    public (int Count, string? Error) CountActiveSessions(SessionFilterArgs? filter)
    {
        var count = 0;
        var error = ForEachMatchingRun(filter ?? new SessionFilterArgs(), Manager.ActiveSessions, (_, _) =>
        {
            count++;
            return true;
        });
        return error is null ? (count, null) : (0, error);
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every run whose event passes the filter's filters, until it answers false
    /// (filterSessions). As getIndexedFilters does, a filter id that names no filter or one outside its activation
    /// window is skipped, and a rule that cannot be evaluated fails the run; with every id skipped all runs match.
    /// </summary>
    private string? ForEachMatchingRun(SessionFilterArgs filter, IEnumerable<Session> sessions, Func<Session, SessionRun, bool> visit)
    {
        var tenant = string.IsNullOrEmpty(filter.Tenant) ? _options.DefaultTenant : filter.Tenant;
        var filters = filter.Filters ?? [];
        if (filters.Count > 0 && _filters is null)
        {
            return "NO_DATABASE_CONNECTION";
        }
        var now = Now;
        if (filters.Count > 0)
        {
            filters = [.. filters.Where(id => _filters!.Resolve(tenant, id, out _)?.IsActiveAt(now) == true)];
        }
        foreach (var session in sessions)
        {
            foreach (var run in session.Runs)
            {
                if (filters.Count > 0 && !_filters!.Pass(tenant, filters, run.ToFilterEvent(), now).Passed)
                {
                    continue;
                }
                if (!visit(session, run))
                {
                    return null;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// BiRPCv1ForceDisconnect: ends the matching sessions (Limit runs at most) from our side, CDRs posted and agent told.
    /// Answers <c>OK</c>, or <c>PARTIALLY_EXECUTED</c> when a session failed to settle (logged).
    /// </summary>
    public async Task<(string? Reply, string? Error)> ForceDisconnectAsync(SessionFilterArgs? filter, CancellationToken ct = default)
    {
        var (cgrIds, error) = MatchingCgrIds(filter);
        if (error is not null)
        {
            return (null, error);
        }
        var cause = filter?.Event?.GetValueOrDefault(EventFields.DisconnectCause) is { } given ? EventValues.AsString(given) : SessionManager.ForcedDisconnect;
        var reply = "OK";
        foreach (var cgrId in cgrIds)
        {
            if ((await Manager.ForceTerminateAsync(cgrId, cause).ConfigureAwait(false)).Error is { } failed)
            {
                _warn($"<SessionS> failed force-terminating session with id: <{cgrId}>, err: <{failed}>");
                reply = ErrorCodes.PartiallyExecuted;
            }
        }
        return (reply, null);
    }

    /// <summary>The CGRIDs of the active sessions the filter selects, each once; NOT_FOUND when none.</summary>
    private (IReadOnlyList<string> CgrIds, string? Error) MatchingCgrIds(SessionFilterArgs? filter)
    {
        var (sessions, error) = GetActiveSessions(filter);
        if (error is null && sessions.Count == 0)
        {
            error = ErrorCodes.NotFound;
        }
        return error is null ? ([.. sessions.Select(s => s.CgrId).Distinct(StringComparer.Ordinal)], null) : ([], error);
    }

    /// <summary>
    /// BiRPCv1AlterSessions: sends each matching session's agent AgentV1.AlterSession with the given event over the
    /// session's start event. Answers <c>OK</c>, NOT_FOUND when nothing matches, or <c>PARTIALLY_EXECUTED</c> when an agent
    /// could not be told (logged).
    /// </summary>
    public async Task<(string? Reply, string? Error)> AlterSessionsAsync(SessionFilterArgs? filter, CancellationToken ct = default)
    {
        var (cgrIds, error) = MatchingCgrIds(filter);
        if (error is not null)
        {
            return (null, error);
        }
        string? failed = null;
        foreach (var cgrId in cgrIds)
        {
            if (Manager.GetActive(cgrId) is not { } session)
            {
                continue;
            }
            // Losing the start event's OriginID would alter nothing the agent knows: the given fields go over it.
            var ev = new CgrEvent
            {
                Tenant = session.Start.Tenant,
                Id = Guid.NewGuid().ToString(),
                Time = Now,
                Event = session.Start.ToCgrEvent().Event,
                ApiOpts = filter?.ApiOpts ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            };
            foreach (var (name, value) in filter?.Event ?? [])
            {
                ev.Event[name] = value;
            }
            var result = session.ClientId is not { } clientId || _clients is null
                ? AgentCalls.NotConnected("AgentV1.AlterSession", session.ClientId)
                : await _clients.AlterSessionAsync(clientId, ev, ct).ConfigureAwait(false);
            if (result is not null)
            {
                _warn($"<SessionS> altering session with id '{cgrId}' failed: <{result}>");
                failed = ErrorCodes.PartiallyExecuted;
            }
        }
        return failed is null ? ("OK", null) : (null, failed);
    }

    /// <summary>
    /// syncSessions, made safe: each connected agent is asked for its live calls, and a session is ended
    /// (FORCED_DISCONNECT, plus a random stale extra) only when the agent that started it answered without it. An agent
    /// that fails or is slow ends none of its sessions this round, and sessions no connected agent started (the API's,
    /// or a gone agent's, left to session_ttl) are never ended here, where CGRateS would end them all. Only sessions
    /// active since before the previous round are judged: a younger one's InitiateSession reply may not have reached
    /// the agent when the question does (OpenSIPS lists a dialog only once that reply is in), and CGRateS would end a
    /// live call for it.
    /// </summary>
    public async Task SyncSessionsAsync(CancellationToken ct = default)
    {
        if (_clients is null)
        {
            return;
        }
        var roundStart = _time.GetUtcNow();
        var judgedBefore = new DateTimeOffset(Interlocked.Exchange(ref _previousSyncTicks, roundStart.UtcTicks), TimeSpan.Zero);
        var connected = _clients.ClientIds.ToHashSet(StringComparer.Ordinal);
        var owned = Manager.ActiveSessions.Where(s => s.ClientId is { } id && connected.Contains(id) && s.StartedAt < judgedBefore)
            .GroupBy(s => s.ClientId!).ToList();
        if (owned.Count == 0)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.ChannelSyncTimeout);
        var answers = await Task.WhenAll(owned.Select(async sessions =>
        {
            try
            {
                return (sessions, Live: await _clients.GetActiveSessionIdsAsync(sessions.Key, timeout.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                return (sessions, Live: null);
            }
        })).ConfigureAwait(false);
        foreach (var (sessions, live) in answers)
        {
            if (live is null)
            {
                _warn($"<SessionS> channel sync: agent <{sessions.Key}> did not list its channels; none of its sessions ended this round");
                continue;
            }
            var up = new HashSet<string>(live.Select(id => Cdrs.Cgrid.Compute(id.OriginId, id.OriginHost)), StringComparer.Ordinal);
            foreach (var session in sessions.Where(s => !up.Contains(s.CgrId)))
            {
                var extra = _options.StaleChannelMaxExtraUsage.Nanoseconds > 1_000_000
                    ? new Usage(Random.Shared.NextInt64(_options.StaleChannelMaxExtraUsage.Nanoseconds / 1_000_000) * 1_000_000)
                    : Usage.Zero;
                _warn($"<SessionS> channel sync: session <{session.CgrId}> is gone from the switch, terminating it");
                await Manager.ForceTerminateAsync(session.CgrId, SessionManager.ForcedDisconnect, extra).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Session.AsExternalSession: the run's own event fields (empty when absent), the session's start for its
    /// origin and Source, Go's zero time for a time that is missing or unreadable.</summary>
    private ExternalSession External(Session session, SessionRun run)
    {
        var cd = run.Call;
        string Field(string name) => run.FieldAsString(name) ?? "";
        return new ExternalSession
        {
            CgrId = session.CgrId,
            RunId = run.RunId,
            ToR = Field(EventFields.ToR),
            OriginId = session.Start.FieldAsString(EventFields.OriginId) ?? "",
            OriginHost = session.Start.FieldAsString(EventFields.OriginHost) ?? "",
            Source = "SessionS_" + (session.Start.FieldAsString(EventName) ?? ""),
            RequestType = Field(EventFields.RequestType),
            Tenant = session.Start.Tenant,
            Category = Field(EventFields.Category),
            Account = Field(EventFields.Account),
            Subject = Field(EventFields.Subject),
            Destination = Field(EventFields.Destination),
            SetupTime = Time(run, EventFields.SetupTime),
            AnswerTime = Time(run, EventFields.AnswerTime),
            Usage = run.TotalUsage.Nanoseconds,
            ExtraFields = run.Fields.Where(kv => !s_mainFields.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => EventValues.AsString(kv.Value), StringComparer.Ordinal),
            NodeId = _options.NodeId,
            LoopIndex = cd.LoopIndex,
            DurationIndex = cd.DurationIndex.Nanoseconds,
            MaxCostSoFar = cd.MaxCostSoFar,
            DebitInterval = (session.DebitInterval ?? _options.Core.DebitInterval).Nanoseconds,
            NextAutoDebit = session.NextAutoDebit(run) is { } due ? NodaTime.Instant.FromDateTimeOffset(due) : GoTime.Zero.ToInstant(),
        };
    }

    private const string EventName = "EventName";

    private NodaTime.Instant Time(SessionRun run, string field) =>
        run.Fields.GetValueOrDefault(field) is { } value && EventValues.TryAsTime(value, _options.TimeZone, Now, out var time, out _)
            ? time
            : GoTime.Zero.ToInstant();

    private static readonly HashSet<string> s_mainFields = new(StringComparer.Ordinal)
    {
        SessionFields.CgrId, EventFields.RunId, EventFields.OriginHost, SessionFields.Source, EventFields.OriginId, EventFields.ToR,
        EventFields.RequestType, EventFields.Tenant, EventFields.Category, EventFields.Account, EventFields.Subject, EventFields.Destination,
        EventFields.SetupTime, EventFields.AnswerTime, EventFields.Usage, EventFields.Cost, SessionFields.CostDetails, "CostSource",
        "ExtraInfo", "OrderID", "Partial", "PreRated", "Rated",
    };
}
