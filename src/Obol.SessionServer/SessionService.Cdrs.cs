using Obol.Api;
using Obol.CdrServer;
using Obol.Cdrs;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;
using Obol.Sessions;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    private static readonly HashSet<string> s_unrated = new(StringComparer.Ordinal) { Meta.Postpaid, Meta.PseudoPrepaid, Meta.Rated };

    /// <summary>
    /// BiRPCv1ProcessCDR: a session still known (active, or closed within the closed-sessions window) gives one CDR per
    /// run with the session's cost; otherwise CDRs rates the event itself (<c>*rals</c>, its own ChargerS runs).
    /// </summary>
    public async Task<string?> ProcessCdrAsync(CgrEvent? ev, CancellationToken ct = default)
    {
        if (ev?.Event is null)
        {
            return ErrorCodes.MandatoryIeMissingFields("Event");
        }
        Prepare(ev);
        if (_subsystems.Cdrs is not { } cdrs)
        {
            return ErrorCodes.NotConnectedTo("CDRs");
        }
        ev.Event.TryAdd(SessionFields.Source, SessionFields.MetaSessions);
        var cgrId = CgrIdOf(ev);
        var session = Manager.GetActive(cgrId);
        if (session is not null)
        {
            _warn($"<SessionS> ProcessCDR called for active session with CGRID: <{cgrId}>");
        }
        session ??= Manager.GetClosed(cgrId);
        if (session is null)
        {
            return await cdrs.ProcessEventAsync(ev, cdrs.Options.Defaults with { Rals = true }, ct).ConfigureAwait(false);
        }
        return await PostClosedRunCdrsAsync(session, cdrs, ct).ConfigureAwait(false);
    }

    /// <summary>processCDR with the caller's flags (ProcessEvent's <c>*cdrs</c>): a known session's runs, else the event.</summary>
    private async Task<string?> ProcessCdrWithFlagsAsync(CgrEvent ev, CdrService cdrs, CdrFlags flags, CancellationToken ct)
    {
        var cgrId = CgrIdOf(ev);
        if ((Manager.GetActive(cgrId) ?? Manager.GetClosed(cgrId)) is { } session)
        {
            return await PostClosedRunCdrsAsync(session, cdrs, ct).ConfigureAwait(false);
        }
        return await cdrs.ProcessEventAsync(ev, flags, ct).ConfigureAwait(false);
    }

    /// <summary>The runs' CDRs; a closed session whose CDRs are all stored is let go (<see cref="SessionManager.ReleaseClosed"/>).</summary>
    private async Task<string?> PostClosedRunCdrsAsync(Session session, CdrService cdrs, CancellationToken ct)
    {
        var error = await PostRunCdrsAsync(session, cdrs, ct).ConfigureAwait(false);
        if (error is null && session.IsClosed)
        {
            Manager.ReleaseClosed(session);
        }
        return error;
    }

    /// <summary>One CDRsV1.ProcessEvent per run, ChargerS and AttributeS off (the runs are the session's), RALs on for the
    /// request types the session did not charge. The runs are posted together, each on its own as CGRateS posts them (a
    /// failed one does not stop the others), so their CDRs reach the store in one commit instead of one after another.</summary>
    private async Task<string?> PostRunCdrsAsync(Session session, CdrService cdrs, CancellationToken ct)
    {
        var posts = new Task<string?>[session.Runs.Count];
        for (var i = 0; i < posts.Length; i++)
        {
            var run = session.Runs[i];
            var flags = cdrs.Options.Defaults with { Chargers = false, Attributes = false };
            if (s_unrated.Contains(run.RequestType))
            {
                flags = flags with { Rals = true };
            }
            posts[i] = cdrs.ProcessEventAsync(RunCdrEvent(run), flags, ct).AsTask();
        }
        var failed = false;
        foreach (var post in posts)
        {
            if (await post.ConfigureAwait(false) is { } error)
            {
                _warn($"<SessionS> error <{error}> posting CDR with CGRID: <{session.CgrId}>");
                failed = true;
            }
        }
        return failed ? ErrorCodes.PartiallyExecuted : null;
    }

    /// <summary>The run's event as CDRs reads it: CostDetails as the EventCost JSON CGRateS marshals, which CDRs takes
    /// as it is.</summary>
    private static CgrEvent RunCdrEvent(SessionRun run)
    {
        var ev = run.CopyEvent();
        ev.Event[SessionFields.CgrId] = run.FieldAsString(SessionFields.CgrId) ?? "";
        if (ev.Event.GetValueOrDefault(SessionFields.CostDetails) is EventCost cost)
        {
            ev.Event[SessionFields.CostDetails] = new CostDetailsJson(ReferenceEquals(cost, run.EventCost) && run.SettledCostJson is { } settled
                ? settled
                : EventCostJson.WriteString(cost), cost.Usage, cost.Cost);
        }
        return ev;
    }

    Task<string?> ISessionDisconnector.DisconnectAsync(SessionDisconnect request, CancellationToken cancellationToken)
    {
        if (request.ClientId is not { } clientId || _clients is null)
        {
            return Task.FromResult<string?>(
                AgentCalls.NotConnected(SessionFields.AgentDisconnect, request.ClientId));
        }
        return _clients.DisconnectAsync(clientId, new DisconnectRequest(request.Event, request.Reason), cancellationToken);
    }

    async Task ISessionDisconnector.WarnLowBalanceAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.ClientId is { } clientId && _clients is not null
            && await _clients.WarnDisconnectAsync(clientId, session.Start.ToCgrEvent(), cancellationToken).ConfigureAwait(false) is { } error)
        {
            _warn($"<SessionS> failed to warn session: <{session.CgrId}>, err: <{error}>");
        }
    }

    /// <summary>forceSTerminate's aftermath: the runs' CDRs, the resource and IP allocation released, and the agent asked to hang up.</summary>
    async Task ISessionDisconnector.SessionForcedEndAsync(Session session, CancellationToken cancellationToken)
    {
        if (_subsystems.Cdrs is { } cdrs)
        {
            await PostRunCdrsAsync(session, cdrs, cancellationToken).ConfigureAwait(false);
        }
        var originId = session.Start.FieldAsString(EventFields.OriginId) ?? "";
        if (_subsystems.Resources is not null && originId.Length > 0)
        {
            var (_, error) = await ResourcesAsync(session.Start.ToCgrEvent(), originId, ResourceStep.Release, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                _warn($"<SessionS> error: {error} could not release resource with resourceID: {originId}");
            }
        }
        if (_subsystems.Ips is not null && originId.Length > 0)
        {
            var (_, error) = await IpsAsync(session.Start.ToCgrEvent(), originId, IpStep.Release, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                _warn($"<SessionS> could not release IP allocation \"{originId}\": {error}");
            }
        }
        if (session.ClientId is { } clientId && _clients is not null)
        {
            var ev = session.Start.ToCgrEvent();
            var cause = session.Runs.Count > 0 ? session.Runs[0].FieldAsString(EventFields.DisconnectCause) : null;
            ev.Event[EventFields.DisconnectCause] = cause ?? SessionManager.ForcedDisconnect;
            if (await _clients.DisconnectAsync(clientId, new DisconnectRequest(ev, cause ?? SessionManager.ForcedDisconnect), cancellationToken)
                    .ConfigureAwait(false) is { } error)
            {
                _warn($"<SessionS> remotely disconnecting session with id <{session.CgrId}> failed: {error}");
            }
        }
    }
}
