namespace Obol.Dispatchers;

/// <summary>
/// What a profile remembers between requests: where <c>*round_robin</c> starts next, and each host's calls in flight
/// for a load dispatcher (dispatchers/libdispatcher.go roundRobinSort, LoadMetrics). A changed profile is a new
/// compiled object and so starts afresh, as CGRateS drops its cached dispatcher.
/// </summary>
internal sealed class ProfileState(DispatcherProfile profile)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private int _nextIndex;

    /// <summary>The index the next round starts at, moving the start one further.</summary>
    public int NextRoundStart(int count)
    {
        lock (_gate)
        {
            var start = _nextIndex >= count ? 0 : _nextIndex;
            _nextIndex = start + 1 >= count ? 0 : start + 1;
            return start;
        }
    }

    public void Begin(string hostId)
    {
        lock (_gate)
        {
            _inFlight[hostId] = _inFlight.GetValueOrDefault(hostId) + 1;
        }
    }

    public void End(string hostId)
    {
        lock (_gate)
        {
            _inFlight[hostId] = _inFlight.GetValueOrDefault(hostId) - 1;
        }
    }

    /// <summary>LoadMetrics.getHosts: hosts with a ratio of 0 left out, the others by calls in flight over ratio (a
    /// negative ratio counts as no load), lowest first, weight order kept among equals.</summary>
    public List<DispatchHost> ByLoad(IReadOnlyList<DispatchHost> hosts)
    {
        var loads = new List<(DispatchHost Host, long Load)>(hosts.Count);
        lock (_gate)
        {
            foreach (var host in hosts)
            {
                var ratio = host.Ratio ?? profile.DefaultRatio;
                if (ratio == 0)
                {
                    continue;
                }
                loads.Add((host, ratio < 0 ? 0 : _inFlight.GetValueOrDefault(host.Id) / ratio));
            }
        }
        return [.. loads.OrderBy(l => l.Load).Select(l => l.Host)];
    }
}
