using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Ips;

public sealed partial class IpService
{
    /// <summary>
    /// CGRateS's *event_ips cache: the profile an allocation ID matched first (null: no candidate at all), so that later
    /// calls for the same allocation — its renewal, its release — reach the same allocations even when the event
    /// differs.
    /// </summary>
    private readonly ConcurrentDictionary<string, string?> _eventIps = new(StringComparer.Ordinal);

    /// <summary>A matched profile's allocations, locked by the caller until <see cref="Held.Dispose"/>.</summary>
    private sealed class Held(IpProfile profile, ProfileStateSlot<IpAllocations> slot) : IDisposable
    {
        public IpProfile Profile { get; } = profile;

        public IpAllocations State => slot.State;

        public void Dispose() => slot.Gate.Release();
    }

    /// <summary>
    /// matchingIPAllocationsForEvent: the candidates (remembered for the allocation ID, else from the index, in ID
    /// order), active at the event's Time and passing their filters; the heaviest wins, the first of equal weights.
    /// Its allocations are returned locked.
    /// </summary>
    private async ValueTask<(Held? Held, string? Error)> MatchAsync(CgrEvent ev, FilterEvent filterEvent, string tenant, string allocationId,
        Instant now, CancellationToken cancellationToken)
    {
        var profiles = _states.Profiles;
        var remembered = _eventIps.TryGetValue(allocationId, out var cached);
        IEnumerable<IpProfile> candidates;
        if (remembered)
        {
            if (cached is null || profiles.Find(tenant, cached) is not { } profile)
            {
                Forget(remembered, allocationId);
                return (null, ErrorCodes.NotFound);
            }
            candidates = [profile];
        }
        else
        {
            var found = profiles.Candidates(tenant, filterEvent);
            if (found.Count == 0)
            {
                Remember(allocationId, null);
                return (null, ErrorCodes.NotFound);
            }
            candidates = found.OrderBy(p => p.Id, StringComparer.Ordinal);
        }
        IpProfile? best = null;
        foreach (var profile in candidates)
        {
            if (profile.Activation is { } window && ev.Time is { } at && !window.IsActiveAt(at))
            {
                continue;
            }
            var outcome = _filters.Pass(tenant, profile.FilterIds, filterEvent, now);
            if (outcome.IsError)
            {
                Forget(remembered, allocationId);
                return (null, outcome.Error);
            }
            if (outcome.Passed && (best is null || profile.Weight > best.Weight))
            {
                best = profile;
            }
        }
        if (best is null)
        {
            Forget(remembered, allocationId);
            return (null, ErrorCodes.NotFound);
        }
        if (await _states.EnterAsync(best, cancellationToken).ConfigureAwait(false) is not { } slot)
        {
            Forget(remembered, allocationId);
            return (null, ErrorCodes.NotFound);
        }
        Remember(allocationId, best.Id);
        return (new Held(best, slot), null);
    }

    /// <summary>filterAndSortPools: the pools whose filters pass, heaviest first (equal weights in profile order), cut
    /// after the first blocker; NOT_FOUND when none passes.</summary>
    private (List<IpPool> Pools, string? Error) PoolsFor(IpProfile profile, string tenant, FilterEvent filterEvent, Instant now)
    {
        var passing = new List<IpPool>(profile.Pools.Count);
        foreach (var pool in profile.Pools)
        {
            var outcome = _filters.Pass(tenant, pool.FilterIds, filterEvent, now);
            if (outcome.IsError)
            {
                return ([], outcome.Error);
            }
            if (outcome.Passed)
            {
                passing.Add(pool);
            }
        }
        if (passing.Count == 0)
        {
            return ([], ErrorCodes.NotFound);
        }
        var ordered = passing.OrderByDescending(p => p.Weight).ToList();
        var blocker = ordered.FindIndex(p => p.Blocker);
        if (blocker >= 0)
        {
            ordered.RemoveRange(blocker + 1, ordered.Count - blocker - 1);
        }
        return (ordered, null);
    }

    private void Remember(string allocationId, string? profileId)
    {
        var limit = _options.EventIpsLimit;
        if (limit == 0)
        {
            return;
        }
        if (limit > 0 && _eventIps.Count >= limit && !_eventIps.ContainsKey(allocationId))
        {
            foreach (var key in _eventIps.Keys)
            {
                _eventIps.TryRemove(key, out _);
                break;
            }
        }
        _eventIps[allocationId] = profileId;
    }

    /// <summary>A remembered match that led to an error or to nothing is dropped, as CGRateS uncaches it.</summary>
    private void Forget(bool remembered, string allocationId)
    {
        if (remembered)
        {
            _eventIps.TryRemove(allocationId, out _);
        }
    }
}
