using NodaTime;

namespace Obol.Dispatchers;

/// <summary>The order a profile's hosts are tried in (dispatchers/libdispatcher.go hostSorter, getDispatcherHosts).</summary>
internal static class HostOrder
{
    /// <summary>The hosts to try for a single-answer strategy, in order; null with the filter error when a host's
    /// filters cannot be evaluated.</summary>
    public static List<string>? Select(DispatcherTable table, DispatcherProfile profile, ProfileState state, DispatchRequest request,
        Instant now, out string? error)
    {
        IReadOnlyList<DispatchHost> hosts = profile.IsLoadBalanced ? state.ByLoad(profile.Hosts) : profile.Hosts;
        switch (profile.Strategy)
        {
            case DispatchStrategy.Random:
                var shuffled = hosts.ToArray();
                Random.Shared.Shuffle(shuffled);
                hosts = shuffled;
                break;
            case DispatchStrategy.RoundRobin when hosts.Count > 1:
                var start = state.NextRoundStart(hosts.Count);
                hosts = [.. hosts.Skip(start), .. hosts.Take(start)];
                break;
        }
        return Matching(table, hosts, request, now, out error);
    }

    /// <summary>The hosts whose filters pass, in the order given, up to and including the first blocker that passes.</summary>
    public static List<string>? Matching(DispatcherTable table, IReadOnlyList<DispatchHost> hosts, DispatchRequest request, Instant now,
        out string? error)
    {
        var ids = new List<string>(hosts.Count);
        foreach (var host in hosts)
        {
            if (host.FilterIds.Count != 0)
            {
                var outcome = table.Filters.Pass(request.Tenant, host.FilterIds, request.Data, now);
                if (outcome.Error is { } filterError)
                {
                    error = filterError;
                    return null;
                }
                if (!outcome.Passed)
                {
                    continue;
                }
            }
            ids.Add(host.Id);
            if (host.Blocker)
            {
                break;
            }
        }
        error = null;
        return ids;
    }
}
