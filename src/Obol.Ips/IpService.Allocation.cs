using System.Diagnostics.CodeAnalysis;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Ips;

public sealed partial class IpService
{
    /// <summary>IPsV1.AuthorizeIP: the address the event would get, without allocating it; IP_UNAUTHORIZED when every
    /// pool it reaches is full. An allocation ID that already holds an address is answered that address.</summary>
    public ValueTask<(AllocatedIp? Ip, string? Error)> AuthorizeIpAsync(CgrEvent ev, Instant now, CancellationToken cancellationToken = default) =>
        AllocateAsync(ev, now, dryRun: true, cancellationToken);

    /// <summary>IPsV1.AllocateIP: allocates (or renews) the event's address from the first pool with one free; the
    /// last pool's IP_ALREADY_ALLOCATED error when all are full.</summary>
    public ValueTask<(AllocatedIp? Ip, string? Error)> AllocateIpAsync(CgrEvent ev, Instant now, CancellationToken cancellationToken = default) =>
        AllocateAsync(ev, now, dryRun: false, cancellationToken);

    /// <summary>IPsV1.ReleaseIP: gives the allocation's address back; "OK" even when it held none (a warning, as in
    /// CGRateS, since a release may come after the TTL did it).</summary>
    public async ValueTask<(string? Reply, string? Error)> ReleaseIpAsync(CgrEvent ev, Instant now, CancellationToken cancellationToken = default)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return (null, error);
        }
        var filterEvent = ev.ToFilterEvent();
        var (held, matchError) = await MatchAsync(ev, filterEvent, call.Tenant, call.AllocationId, now, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return (null, matchError);
        }
        using (held)
        {
            if (!held.State.Release(call.AllocationId))
            {
                Warning?.Invoke($"<IPs> failed to remove allocation from IPAllocations with ID \"{held.State.Tenant}:{held.State.Id}\": " +
                    $"cannot find allocation record with id: {call.AllocationId}");
            }
            await SaveAsync(held.Profile, held.State, cancellationToken).ConfigureAwait(false);
        }
        return ("OK", null);
    }

    /// <summary>IPsV1.GetIPAllocationForEvent: a copy of the allocations of the profile the event matches.</summary>
    public async ValueTask<(IpAllocations? Allocations, string? Error)> GetAllocationsForEventAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return (null, error);
        }
        var (held, matchError) = await MatchAsync(ev, ev.ToFilterEvent(), call.Tenant, call.AllocationId, now, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return (null, matchError);
        }
        using (held)
        {
            return (held.State.Clone(), null);
        }
    }

    /// <summary>IPsV1.GetIPAllocations: a copy of a profile's allocations; NOT_FOUND without the profile.</summary>
    public async ValueTask<(IpAllocations? Allocations, string? Error)> GetAllocationsAsync(string tenant, string id,
        CancellationToken cancellationToken = default)
    {
        var (held, error) = await LockAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return (null, error);
        }
        using (held)
        {
            return (held.State.Clone(), null);
        }
    }

    /// <summary>IPsV1.ClearIPAllocations: the named allocations (all or none) or, when none is named, every one; the
    /// result is stored at once.</summary>
    public async ValueTask<string?> ClearAllocationsAsync(string tenant, string id, IReadOnlyList<string>? allocationIds,
        CancellationToken cancellationToken = default)
    {
        var (held, error) = await LockAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return error;
        }
        using (held)
        {
            if (held.State.Clear(allocationIds) is { } clearError)
            {
                return clearError;
            }
            await _states.SaveNowAsync(held.Profile, held.Profile.Stored, held.State, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private async ValueTask<(AllocatedIp? Ip, string? Error)> AllocateAsync(CgrEvent ev, Instant now, bool dryRun, CancellationToken cancellationToken)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return (null, error);
        }
        var filterEvent = ev.ToFilterEvent();
        var (held, matchError) = await MatchAsync(ev, filterEvent, call.Tenant, call.AllocationId, now, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return (null, matchError);
        }
        using (held)
        {
            var (pools, poolError) = PoolsFor(held.Profile, call.Tenant, filterEvent, now);
            if (poolError is not null)
            {
                return (null, poolError);
            }
            held.State.RemoveExpired(held.Profile.Ttl, now);
            string? lastError = null;
            foreach (var pool in pools)
            {
                var (ip, allocationError) = held.State.Allocate(held.Profile, call.AllocationId, pool, dryRun, now);
                if (ip is null)
                {
                    lastError = allocationError;
                    continue;
                }
                if (!dryRun)
                {
                    await SaveAsync(held.Profile, held.State, cancellationToken).ConfigureAwait(false);
                }
                return (ip, null);
            }
            return (null, dryRun ? IpErrors.Unauthorized : lastError);
        }
    }

    private ValueTask SaveAsync(IpProfile profile, IpAllocations state, CancellationToken cancellationToken) =>
        _states.ChangedAsync(profile, profile.Stored, state, cancellationToken);

    private async ValueTask<(Held? Held, string? Error)> LockAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (id.Length == 0)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        if (tenant.Length == 0)
        {
            tenant = _options.DefaultTenant;
        }
        if (_states.Profiles.Find(tenant, id) is not { } profile)
        {
            return (null, ErrorCodes.NotFound);
        }
        return await _states.EnterAsync(profile, cancellationToken).ConfigureAwait(false) is { } slot
            ? (new Held(profile, slot), null)
            : (null, ErrorCodes.NotFound);
    }

    private readonly record struct Call(string Tenant, string AllocationId);

    /// <summary>The checks every V1 call starts with: the event's ID, and the allocation ID (<c>*ipAllocationID</c>,
    /// else ips.opts.*allocationID).</summary>
    private bool TryReadCall(CgrEvent ev, out Call call, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(ev);
        call = default;
        if (ev.Id.Length == 0)
        {
            error = ErrorCodes.MandatoryIeMissingFields("ID");
            return false;
        }
        var allocationId = ev.ApiOpts.TryGetValue(IpOptions.AllocationId, out var raw) ? EventValues.AsString(raw) : _options.AllocationId;
        if (allocationId.Length == 0)
        {
            error = ErrorCodes.MandatoryIeMissingFields("AllocationID");
            return false;
        }
        call = new Call(ev.Tenant.Length == 0 ? _options.DefaultTenant : ev.Tenant, allocationId);
        error = null;
        return true;
    }
}
