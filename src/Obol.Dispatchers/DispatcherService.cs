using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Obol.Dispatchers;

/// <summary>
/// DispatcherS (dispatchers/dispatchers.go, libdispatcher.go): picks the profiles a request matches, then the hosts of
/// the first profile by its strategy, and calls them through <c>call</c> until one answers something other than a
/// failover error. How a host is called (this engine's own services, or a connection) is the caller's business.
/// </summary>
public sealed class DispatcherService(DispatcherTable table, IClock clock, Action<string>? warn = null)
{
    private readonly ConditionalWeakTable<DispatcherProfile, ProfileState> _states = [];
    private readonly ConcurrentDictionary<string, DispatchRoute> _routes = new(StringComparer.Ordinal);
    private DispatcherTable _table = table;

    public DispatcherTable Table => Volatile.Read(ref _table);

    /// <summary>Routes remembered for <c>*routeID</c>; those of a changed or removed profile are dropped when next met.</summary>
    public int RouteCount => _routes.Count;

    public void Load(DispatcherTable next) => Volatile.Write(ref _table, next);

    /// <summary>Replaces the table with <paramref name="change"/> of the one in force, retried if another change got in
    /// between: profile loads, host loads and configuration changes come from different threads.</summary>
    public void Update(Func<DispatcherTable, DispatcherTable> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = _table;
            if (Interlocked.CompareExchange(ref _table, change(current), current) == current)
            {
                return;
            }
        }
    }

    /// <summary>DispatcherSv1.GetProfilesForEvent: the matching profiles, or the error CGRateS answers.</summary>
    public IReadOnlyList<DispatcherProfile>? ProfilesFor(DispatchRequest request, out string? error)
    {
        var profiles = Table.Match(request.Tenant, request.Subsystem, request.Data, request.EventTime, clock.GetCurrentInstant(),
            request.ProfilesCount, out var matchError);
        error = matchError is null ? null : Wrap(matchError);
        return profiles;
    }

    public async ValueTask<DispatchReply> DispatchAsync(DispatchRequest request,
        Func<DispatcherHost, CancellationToken, ValueTask<DispatchReply>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        var table = Table;
        var routeKey = request.RouteId is { Length: > 0 } routeId ? routeId + ":" + request.Subsystem : null;
        if (routeKey is not null && _routes.TryGetValue(routeKey, out var route))
        {
            if (table.Profiles.Find(route.Profile.Tenant, route.Profile.Id) == route.Profile)
            {
                var routed = await CallHostAsync(table, route.Profile, request.Tenant, route.HostId, null, call, cancellationToken).ConfigureAwait(false);
                if (!routed.Failover)
                {
                    return routed;
                }
                warn?.Invoke($"<DispatcherS> error <{routed.Error}> using cached routing for route {request.RouteId} to host {route.HostId}, continuing with normal dispatching");
            }
            else
            {
                _routes.TryRemove(new KeyValuePair<string, DispatchRoute>(routeKey, route));
            }
        }
        var profiles = table.Match(request.Tenant, request.Subsystem, request.Data, request.EventTime, clock.GetCurrentInstant(),
            request.ProfilesCount, out var matchError);
        if (profiles is null)
        {
            return DispatchReply.Fail(Wrap(matchError!));
        }
        var reply = default(DispatchReply);
        foreach (var profile in profiles)
        {
            reply = profile.Strategy.IsBroadcast()
                ? await BroadcastAsync(table, profile, request, call, cancellationToken).ConfigureAwait(false)
                : await DispatchToOneAsync(table, profile, request, routeKey, call, cancellationToken).ConfigureAwait(false);
            if (!reply.Failover)
            {
                return reply;
            }
            warn?.Invoke($"<DispatcherS> error <{reply.Error}> dispatching with the profile {profile.TenantId}");
        }
        return reply;
    }

    private async ValueTask<DispatchReply> DispatchToOneAsync(DispatcherTable table, DispatcherProfile profile, DispatchRequest request,
        string? routeKey, Func<DispatcherHost, CancellationToken, ValueTask<DispatchReply>> call, CancellationToken cancellationToken)
    {
        var state = _states.GetValue(profile, static p => new ProfileState(p));
        var hostIds = HostOrder.Select(table, profile, state, request, clock.GetCurrentInstant(), out var filterError);
        if (hostIds is null)
        {
            return DispatchReply.Fail(filterError!);
        }
        if (hostIds.Count == 0)
        {
            return DispatchReply.Fail(DispatchReply.HostNotFound);
        }
        var reply = default(DispatchReply);
        foreach (var hostId in hostIds)
        {
            reply = await CallHostAsync(table, profile, request.Tenant, hostId, routeKey, call, cancellationToken).ConfigureAwait(false);
            if (!reply.Failover && reply.Error != DispatchReply.HostNotFound)
            {
                return reply;
            }
            warn?.Invoke($"<DispatcherS> error <{reply.Error}> dispatching to host with identity <\"{hostId}\">");
        }
        return reply;
    }

    private async ValueTask<DispatchReply> CallHostAsync(DispatcherTable table, DispatcherProfile profile, string tenant, string hostId,
        string? routeKey, Func<DispatcherHost, CancellationToken, ValueTask<DispatchReply>> call, CancellationToken cancellationToken)
    {
        if (table.FindHost(tenant, hostId) is not { } host)
        {
            return DispatchReply.Fail(DispatchReply.HostNotFound);
        }
        if (routeKey is not null)
        {
            // As CGRateS, the route is kept before the call: a retry of the same route reaches the same host.
            _routes[routeKey] = new DispatchRoute(profile, hostId);
        }
        var state = profile.IsLoadBalanced ? _states.GetValue(profile, static p => new ProfileState(p)) : null;
        state?.Begin(hostId);
        try
        {
            return await call(host, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state?.End(hostId);
        }
    }

    private async ValueTask<DispatchReply> BroadcastAsync(DispatcherTable table, DispatcherProfile profile, DispatchRequest request,
        Func<DispatcherHost, CancellationToken, ValueTask<DispatchReply>> call, CancellationToken cancellationToken)
    {
        var hostIds = HostOrder.Matching(table, profile.Hosts, request, clock.GetCurrentInstant(), out var filterError);
        if (hostIds is null)
        {
            return DispatchReply.Fail(filterError!);
        }
        var hosts = new List<DispatcherHost>();
        foreach (var hostId in hostIds)
        {
            if (table.FindHost(request.Tenant, hostId) is { } host)
            {
                hosts.Add(host);
            }
            else
            {
                warn?.Invoke($"<DispatcherS> could not find host with ID \"{hostId}\"");
            }
        }
        if (hosts.Count == 0)
        {
            return DispatchReply.Fail(DispatchReply.HostNotFound);
        }
        switch (profile.Strategy)
        {
            case DispatchStrategy.BroadcastAsync:
                foreach (var host in hosts)
                {
                    _ = Forget(call(host, CancellationToken.None), host);
                }
                return DispatchReply.Ok(default);
            case DispatchStrategy.Broadcast:
                return await FirstAnswerAsync(hosts.Select(h => call(h, cancellationToken).AsTask()).ToList()).ConfigureAwait(false);
            default:
                var replies = await Task.WhenAll(hosts.Select(h => call(h, cancellationToken).AsTask())).ConfigureAwait(false);
                return AllAnswers(replies, request.Method);
        }
    }

    /// <summary>rpcclient's <c>*broadcast</c>: the first reply that is not a failover error, DISCONNECTED when all are.</summary>
    private static async ValueTask<DispatchReply> FirstAnswerAsync(List<Task<DispatchReply>> calls)
    {
        while (calls.Count != 0)
        {
            var done = await Task.WhenAny(calls).ConfigureAwait(false);
            calls.Remove(done);
            var reply = await done.ConfigureAwait(false);
            if (!reply.Failover)
            {
                return reply;
            }
        }
        return DispatchReply.Unreachable(DispatchReply.Disconnected);
    }

    /// <summary>rpcclient's <c>*broadcast_sync</c>: a reply when every host answered one, the last failover error when
    /// every host failed over, PARTIALLY_EXECUTED otherwise.</summary>
    private DispatchReply AllAnswers(DispatchReply[] replies, string method)
    {
        var failed = replies.Where(r => r.IsError).ToList();
        if (failed.Count == 0)
        {
            return replies[0];
        }
        if (failed.Count == replies.Length && failed.All(r => r.Failover))
        {
            return failed[^1];
        }
        foreach (var reply in failed.Where(r => !r.Failover))
        {
            warn?.Invoke($"<DispatcherS> error <{reply.Error}> when calling <{method}>");
        }
        return DispatchReply.Fail(DispatchReply.PartiallyExecuted);
    }

    private async Task Forget(ValueTask<DispatchReply> pending, DispatcherHost host)
    {
        try
        {
            var reply = await pending.ConfigureAwait(false);
            if (reply.IsError)
            {
                warn?.Invoke($"<DispatcherS> *broadcast_async to host {host.TenantId}: {reply.Error}");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            warn?.Invoke($"<DispatcherS> *broadcast_async to host {host.TenantId}: {e.Message}");
        }
    }

    private static string Wrap(string error) => "DISPATCHER_ERROR:" + error;

    private sealed record DispatchRoute(DispatcherProfile Profile, string HostId);
}
