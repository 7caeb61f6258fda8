using NodaTime;
using Obol.Accounting;
using Obol.CdrServer;
using Obol.Cdrs;
using Obol.Filters;
using Obol.Logging;
using Obol.Rals;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary>
/// The actions' effects in the running engine: what RALs does alone goes to <see cref="LoggingActionEffects"/>;
/// <c>*cdrlog</c> goes to CDRs when <c>schedulers.cdrs_conns</c> names them and <c>*force_disconnect_sessions</c> to
/// SessionS when <c>rals.sessions_conns</c> does, as CGRateS routes them; <c>*publish_account</c> to ThresholdS and StatS
/// when <c>rals.thresholds_conns</c> or <c>rals.stats_conns</c> do; <c>*remove_session_costs</c> removes from the
/// session costs SessionS keeps. RALs is built before these services, which are connected once they run.
/// </summary>
/// <remarks>
/// Actions run under the account's lock, so the CDRs and the disconnects are sent without waiting for them: a CDR's
/// ThresholdS actions, or the settlement of a forced-off call, may need that same account. Their failures are logged.
/// </remarks>
internal sealed class EngineActionEffects(LoggingActionEffects local, EngineLog log) : IActionEffects
{
    private CdrService? _cdrs;
    private SessionService? _sessions;
    private SessionCosts? _sessionCosts;
    private IAccountUpdates? _accountUpdates;

    public void ConnectCdrs(CdrService cdrs) => _cdrs = cdrs;

    public void ConnectSessions(SessionService sessions) => _sessions = sessions;

    public void ConnectSessionCosts(SessionCosts costs) => _sessionCosts = costs;

    public void ConnectAccountUpdates(IAccountUpdates updates) => _accountUpdates = updates;

    public void LogAccount(Account account, string accountJson) => local.LogAccount(account, accountJson);

    public void Log(ActionLogLevel level, string message) => local.Log(level, message);

    public Task PostAsync(string url, string body) => local.PostAsync(url, body);

    public void WriteCdrs(IReadOnlyList<ActionCdr> cdrs)
    {
        if (_cdrs is not { } server)
        {
            local.WriteCdrs(cdrs);
            return;
        }
        // CDRsV1.ProcessEvents with *chargers:false, the rest as the cdrs section says.
        var events = cdrs.Select(c => ToCdr(c).ToCgrEvent()).ToList();
        var flags = server.Options.Defaults with { Chargers = false };
        _ = SendAsync(async () => (await server.ProcessEventsAsync(events, flags, describe: false, CancellationToken.None).ConfigureAwait(false)).Error,
            "*cdrlog");
    }

    public void PublishAccount(Account account)
    {
        if (_accountUpdates is not { } updates)
        {
            local.PublishAccount(account);
            return;
        }
        // publishAccount: each balance's Initial is its value now, the summary taken before later actions change it.
        var summary = AccountSummaries.Of(account);
        foreach (var balance in summary.BalanceSummaries ?? [])
        {
            balance.Initial = balance.Value;
        }
        _ = SendAsync(async () =>
        {
            await updates.PublishAsync(summary, CancellationToken.None).ConfigureAwait(false);
            return null;
        }, "*publish_account");
    }

    public void ForceDisconnectSessions(SessionsRequest request) =>
        SessionsCommand(request, local.ForceDisconnectSessions, (s, f) => s.ForceDisconnectAsync(f), "*force_disconnect_sessions");

    public void AlterSessions(SessionsRequest request) =>
        SessionsCommand(request, local.AlterSessions, (s, f) => s.AlterSessionsAsync(f), "*alter_sessions");

    public void RemoveSessionCosts(string filterIds)
    {
        if (_sessionCosts is not { } costs)
        {
            local.RemoveSessionCosts(filterIds);
            return;
        }
        var filter = new SessionCostFilter();
        var now = SystemClock.Instance.GetCurrentInstant();
        foreach (var id in filterIds.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            // CGRateS logs an unknown filter or an unsupported rule and removes by the rest, so a typo widens the removal,
            // up to every cost; here the action fails and removes nothing.
            if (costs.Filters.Resolve(costs.Tenant, id, out var error) is not { } resolved)
            {
                throw new InvalidOperationException($"{error} for filter: {id}");
            }
            foreach (var rule in resolved.Rules)
            {
                if (filter.TryAppend(rule.Type, rule.Element.Rules, rule.Values, costs.Zone, now) is { } ruleError)
                {
                    throw new InvalidOperationException(ruleError);
                }
            }
        }
        _ = SendAsync(async () =>
        {
            await costs.Journal.RemoveCostsAsync(filter, CancellationToken.None).ConfigureAwait(false);
            return null;
        }, "*remove_session_costs");
    }

    public void JoinSharedGroup(string sharedGroupId, string accountId) => local.JoinSharedGroup(sharedGroupId, accountId);

    private async Task SendAsync(Func<Task<string?>> send, string action)
    {
        // Off the account's lock first: the work below may need it.
        await Task.Yield();
        try
        {
            if (await send().ConfigureAwait(false) is { } error)
            {
                log.Warning($"<Actions> {action}: {error}");
            }
        }
#pragma warning disable CA1031 // The action already ran; what its effect met is reported, never thrown into the scheduler.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Warning($"<Actions> {action}: {e.Message}");
        }
    }

    private void SessionsCommand(SessionsRequest request, Action<SessionsRequest> unconnected,
        Func<SessionService, SessionFilterArgs, Task<(string? Reply, string? Error)>> send, string action)
    {
        if (_sessions is not { } sessions)
        {
            unconnected(request);
            return;
        }
        var filter = SessionFilter(request);
        _ = SendAsync(async () => (await send(sessions, filter).ConfigureAwait(false)).Error, action);
    }

    // utils.SessionFilterWithEvent, as forceDisconnectSessions and alterSessions build it.
    private static SessionFilterArgs SessionFilter(SessionsRequest request) => new()
    {
        Limit = request.Limit,
        Tenant = request.Tenant,
        Filters = [.. request.Filters],
        ApiOpts = request.ApiOpts.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        Event = request.Event.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
    };

    private static Cdr ToCdr(ActionCdr c) => new()
    {
        Cgrid = c.CGRID,
        RunId = c.RunID,
        OrderId = c.OrderID,
        OriginHost = c.OriginHost,
        Source = c.Source,
        OriginId = c.OriginID,
        ToR = c.ToR,
        RequestType = c.RequestType,
        Tenant = c.Tenant,
        Category = c.Category,
        Account = c.Account,
        Subject = c.Subject,
        Destination = c.Destination,
        SetupTime = c.SetupTime,
        AnswerTime = c.AnswerTime,
        Usage = c.Usage,
        ExtraFields = new Dictionary<string, string>(c.ExtraFields, StringComparer.Ordinal),
        ExtraInfo = c.ExtraInfo,
        Partial = c.Partial,
        PreRated = c.PreRated,
        CostSource = c.CostSource,
        Cost = c.Cost,
    };
}

/// <summary>Where <c>*remove_session_costs</c> finds its filters and the costs they select.</summary>
internal sealed record SessionCosts(SessionJournal Journal, FilterService Filters, string Tenant, DateTimeZone Zone);
