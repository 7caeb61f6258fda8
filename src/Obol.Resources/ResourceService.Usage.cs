using System.Diagnostics.CodeAnalysis;
using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Resources;

public sealed partial class ResourceService
{
    /// <summary>ResourceSv1.AuthorizeResources: whether the units would fit, without recording them. The reply is the
    /// allocation message of the first resource (by weight) with room; RESOURCE_UNAUTHORIZED when none has.</summary>
    public async ValueTask<(string? Reply, string? Error)> AuthorizeResourcesAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return (null, error);
        }
        var (held, matchError) = await MatchAsync(ev, call.Tenant, call.UsageId, call.UsageTtl, now, cancellationToken).ConfigureAwait(false);
        if (matchError is not null)
        {
            return (null, matchError);
        }
        try
        {
            if (!TryReadUnits(ev, out var units, out error))
            {
                return (null, error);
            }
            var (message, allocationError) = Allocate(held, new ResourceUsage(call.Tenant, call.UsageId, ResourceUsage.NoExpiry, units),
                dryRun: true, now);
            return allocationError == ResourceErrors.Unavailable ? (null, ResourceErrors.Unauthorized) : (message, allocationError);
        }
        finally
        {
            Release(held);
        }
    }

    /// <summary>ResourceSv1.AllocateResources: records the units under the usage ID on every matched resource (an
    /// existing usage of that ID is replaced) once one of them has room; RESOURCE_UNAVAILABLE otherwise. The reply is
    /// that resource's allocation message (else its ID).</summary>
    public async ValueTask<(string? Reply, string? Error)> AllocateResourcesAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return (null, error);
        }
        var (held, matchError) = await MatchAsync(ev, call.Tenant, call.UsageId, call.UsageTtl, now, cancellationToken).ConfigureAwait(false);
        if (matchError is not null)
        {
            return (null, matchError);
        }
        string? message;
        List<(ResourceProfile Profile, decimal Usage)> changes;
        try
        {
            if (!TryReadUnits(ev, out var units, out error))
            {
                return (null, error);
            }
            (message, error) = Allocate(held, new ResourceUsage(call.Tenant, call.UsageId, ResourceUsage.NoExpiry, units), dryRun: false, now);
            if (error is not null)
            {
                return (null, error);
            }
            changes = await SaveAsync(held, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(held);
        }
        return await NotifyThresholdsAsync(changes, ev, cancellationToken).ConfigureAwait(false) ? (message, null) : (null, ErrorCodes.PartiallyExecuted);
    }

    /// <summary>ResourceSv1.ReleaseResources: gives back the usage on every matched resource; "OK". A usage a
    /// resource does not hold is an error only where the resource's usage TTL is set and not 0 (the last such error
    /// is returned, after the others were released).</summary>
    public async ValueTask<(string? Reply, string? Error)> ReleaseResourcesAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return (null, error);
        }
        var (held, matchError) = await MatchAsync(ev, call.Tenant, call.UsageId, call.UsageTtl, now, cancellationToken).ConfigureAwait(false);
        if (matchError is not null)
        {
            return (null, matchError);
        }
        List<(ResourceProfile Profile, decimal Usage)> changes;
        try
        {
            foreach (var h in held)
            {
                if (h.State.Clear(call.UsageId) is { } clearError && h.State.Ttl is { } ttl && ttl != Usage.Zero)
                {
                    error = clearError;
                }
            }
            // Saved even when failing: whatever was released must not come back after a restart.
            changes = await SaveAsync(held, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(held);
        }
        if (error is not null)
        {
            return (null, error);
        }
        return await NotifyThresholdsAsync(changes, ev, cancellationToken).ConfigureAwait(false) ? ("OK", null) : (null, ErrorCodes.PartiallyExecuted);
    }

    /// <summary>ResourceSv1.GetResourcesForEvent: copies of the resources the event (and its usage ID) reaches.</summary>
    public async ValueTask<(IReadOnlyList<Resource> Resources, string? Error)> GetResourcesForEventAsync(CgrEvent ev, Instant now,
        CancellationToken cancellationToken = default)
    {
        if (!TryReadCall(ev, out var call, out var error))
        {
            return ([], error);
        }
        var (held, matchError) = await MatchAsync(ev, call.Tenant, call.UsageId, call.UsageTtl, now, cancellationToken).ConfigureAwait(false);
        if (matchError is not null)
        {
            return ([], matchError);
        }
        try
        {
            return ([.. held.Select(h => h.State.Clone())], null);
        }
        finally
        {
            Release(held);
        }
    }

    /// <summary>allocateResource: purges expired usages, finds the first resource with room (Limit -1 always has),
    /// and unless <paramref name="dryRun"/> records the usage on all of them.</summary>
    private static (string? Message, string? Error) Allocate(List<Held> held, ResourceUsage usage, bool dryRun, Instant now)
    {
        var message = "";
        foreach (var h in held)
        {
            var state = h.State;
            state.RemoveExpired(now);
            if (!dryRun && state.Usages.ContainsKey(usage.Id))
            {
                state.Clear(usage.Id);
            }
            if (message.Length == 0 && (h.Profile.Limit >= state.TotalUsage + usage.Units || h.Profile.Limit == ResourceProfile.UnlimitedUnits))
            {
                message = h.Profile.AllocationMessage.Length != 0 ? h.Profile.AllocationMessage : h.Profile.Id;
            }
        }
        if (message.Length == 0)
        {
            return (null, ResourceErrors.Unavailable);
        }
        if (!dryRun)
        {
            // The usage was cleared above, so no resource can refuse it as a duplicate.
            foreach (var h in held)
            {
                h.State.Record(usage, now);
            }
        }
        return (message, null);
    }

    /// <summary>Saves the stored ones (still locked) and notes every resource's new total for ThresholdS.</summary>
    private async ValueTask<List<(ResourceProfile Profile, decimal Usage)>> SaveAsync(List<Held> held, CancellationToken cancellationToken)
    {
        var changes = new List<(ResourceProfile, decimal)>(held.Count);
        foreach (var h in held)
        {
            await _states.ChangedAsync(h.Profile, h.Profile.Stored, h.State, cancellationToken).ConfigureAwait(false);
            changes.Add((h.Profile, h.State.TotalUsage));
        }
        return changes;
    }

    private readonly record struct Call(string Tenant, string UsageId, Usage? UsageTtl);

    /// <summary>The checks and options every V1 call starts with: the event ID, the usage ID (<c>*rsUsageID</c>, else
    /// resources.opts.*usageID) and the usage TTL override.</summary>
    private bool TryReadCall(CgrEvent ev, out Call call, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(ev);
        call = default;
        if (ev.Id.Length == 0)
        {
            error = ErrorCodes.MandatoryIeMissingFields("ID");
            return false;
        }
        var usageId = ev.ApiOpts.TryGetValue(ResourceOptions.UsageId, out var rawId) ? EventValues.AsString(rawId) : _options.UsageId;
        if (usageId.Length == 0)
        {
            error = ErrorCodes.MandatoryIeMissingFields("UsageID");
            return false;
        }
        var usageTtl = _options.UsageTtl;
        if (ev.ApiOpts.TryGetValue(ResourceOptions.UsageTtl, out var rawTtl))
        {
            if (!EventValues.TryAsUsage(rawTtl, out var ttl, out error))
            {
                return false;
            }
            usageTtl = ttl;
        }
        call = new Call(ev.Tenant.Length == 0 ? _options.DefaultTenant : ev.Tenant, usageId, usageTtl);
        error = null;
        return true;
    }

    private bool TryReadUnits(CgrEvent ev, out decimal units, [NotNullWhen(false)] out string? error)
    {
        error = null;
        units = _options.Units;
        return !ev.ApiOpts.TryGetValue(ResourceOptions.Units, out var raw) || EventValues.TryAsDecimal(raw, out units, out error);
    }
}
