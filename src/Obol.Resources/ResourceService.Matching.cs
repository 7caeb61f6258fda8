using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Resources;

public sealed partial class ResourceService
{
    /// <summary>
    /// CGRateS's *event_resources cache: the candidate resource IDs a usage ID matched first (null: none at all), so
    /// that later calls for the same usage — the release of an allocation — consider the same resources. Keyed by
    /// usage ID alone, as in CGRateS.
    /// </summary>
    private readonly ConcurrentDictionary<string, string[]?> _eventResources = new(StringComparer.Ordinal);

    /// <summary>A matched resource, locked by the caller until <see cref="Release"/>.</summary>
    private sealed record Held(ResourceProfile Profile, ProfileStateSlot<Resource> Slot)
    {
        public Resource State => Slot.State;
    }

    /// <summary>
    /// matchingResourcesForEvent: the candidates (remembered for the usage ID, else from the index), active at the
    /// event's Time, passing their filters, each locked in ID order; then by weight, cut after the first blocker.
    /// Sets each resource's usage TTL: the <c>*rsUsageTTL</c> option unless 0, else the profile's unless negative,
    /// else whatever the resource used last.
    /// </summary>
    private async ValueTask<(List<Held> Held, string? Error)> MatchAsync(CgrEvent ev, string tenant, string usageId, Usage? usageTtl,
        Instant now, CancellationToken cancellationToken)
    {
        var profiles = _states.Profiles;
        var filterEvent = ev.ToFilterEvent();
        var remembered = _eventResources.TryGetValue(usageId, out var cached);
        string[] ids;
        if (remembered)
        {
            if (cached is null)
            {
                return ([], ErrorCodes.NotFound);
            }
            ids = cached;
        }
        else
        {
            var candidates = profiles.Candidates(tenant, filterEvent);
            if (candidates.Count == 0)
            {
                Remember(usageId, null);
                return ([], ErrorCodes.NotFound);
            }
            ids = [.. candidates.Select(p => p.Id)];
        }
        var held = new List<Held>(ids.Length);
        var keep = false;
        try
        {
            foreach (var id in ids)
            {
                if (profiles.Find(tenant, id) is not { } profile
                    || (profile.Activation is { } window && ev.Time is { } at && !window.IsActiveAt(at)))
                {
                    continue;
                }
                var outcome = _filters.Pass(tenant, profile.FilterIds, filterEvent, now);
                if (outcome.IsError)
                {
                    Forget(remembered, usageId);
                    return ([], outcome.Error);
                }
                if (!outcome.Passed)
                {
                    continue;
                }
                if (await _states.EnterAsync(profile, cancellationToken).ConfigureAwait(false) is not { } slot)
                {
                    continue;
                }
                held.Add(new Held(profile, slot));
                if (usageTtl is { } ttl)
                {
                    if (ttl != Usage.Zero)
                    {
                        slot.State.Ttl = ttl;
                    }
                }
                else if (profile.UsageTtl.Nanoseconds >= 0)
                {
                    slot.State.Ttl = profile.UsageTtl;
                }
            }
            if (held.Count == 0)
            {
                Forget(remembered, usageId);
                return ([], ErrorCodes.NotFound);
            }
            // OrderByDescending is stable: equal weights stay in ID order (CGRateS's sort.Slice keeps small lists so).
            held = [.. held.OrderByDescending(h => h.Profile.Weight)];
            var blocker = held.FindIndex(h => h.Profile.Blocker);
            if (blocker >= 0 && blocker < held.Count - 1)
            {
                Release(held.GetRange(blocker + 1, held.Count - blocker - 1));
                held.RemoveRange(blocker + 1, held.Count - blocker - 1);
            }
            Remember(usageId, ids);
            keep = true;
            return (held, null);
        }
        finally
        {
            if (!keep)
            {
                Release(held);
            }
        }
    }

    private static void Release(IEnumerable<Held> held)
    {
        foreach (var h in held)
        {
            h.Slot.Gate.Release();
        }
    }

    private void Remember(string usageId, string[]? ids)
    {
        var limit = _options.EventResourcesLimit;
        if (limit == 0)
        {
            return;
        }
        if (limit > 0 && _eventResources.Count >= limit && !_eventResources.ContainsKey(usageId))
        {
            foreach (var key in _eventResources.Keys)
            {
                _eventResources.TryRemove(key, out _);
                break;
            }
        }
        _eventResources[usageId] = ids;
    }

    /// <summary>A remembered match that led to an error or to nothing is dropped, as CGRateS uncaches it.</summary>
    private void Forget(bool remembered, string usageId)
    {
        if (remembered)
        {
            _eventResources.TryRemove(usageId, out _);
        }
    }
}
