using Obol.Cdrs;
using Obol.Events;
using Obol.Primitives;
using Obol.Sessions;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    /// <summary>BiRPCv1AuthorizeEvent.</summary>
    public async Task<(AuthorizeReply? Reply, string? Error)> AuthorizeAsync(AuthorizeArgs args, CancellationToken ct = default)
    {
        var ev = args.ToEvent();
        if (Prepare(ev) is { } invalid)
        {
            return (null, invalid);
        }
        if (!args.GetAttributes && !args.AuthorizeResources && !args.AuthorizeIp && !args.GetMaxUsage && !args.GetRoutes)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("Subsystems"));
        }
        var reply = new AuthorizeReply();
        if (args.GetAttributes)
        {
            (ev, reply.Attributes, var error) = ApplyAttributes(ev, args.AttributeIds);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.GetMaxUsage)
        {
            var (maxUsage, error) = await MaxUsageAsync(ev, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
            reply.MaxUsage = maxUsage.Nanoseconds;
        }
        if (args.AuthorizeResources)
        {
            var usageId = ev.FieldAsString(EventFields.OriginId) is { Length: > 0 } id ? id : Cgrid.NewEventId();
            var (allocation, error) = await ResourcesAsync(ev, usageId, ResourceStep.Authorize, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
            reply.ResourceAllocation = allocation;
        }
        if (args.AuthorizeIp)
        {
            var allocationId = ev.FieldAsString(EventFields.OriginId) is { Length: > 0 } id ? id : Cgrid.NewEventId();
            (reply.AllocatedIp, var error) = await IpsAsync(ev, allocationId, IpStep.Authorize, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.GetRoutes)
        {
            var (routes, error) = await RoutesAsync(ev, args.RoutesMaxCost, args.RoutesIgnoreErrors, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
            reply.RouteProfiles = routes;
        }
        return await NotifiedAsync(ev, reply, args.ProcessThresholds, args.ThresholdIds, args.ProcessStats, args.StatIds, ct).ConfigureAwait(false);
    }

    /// <summary>authEvent: the least usage any charger run may have, at most the requested one.</summary>
    private async Task<(Usage MaxUsage, string? Error)> MaxUsageAsync(CgrEvent ev, CancellationToken ct)
    {
        var usage = RequestedUsage(ev);
        var (runs, error) = Fork(ev);
        if (error is not null)
        {
            return (Usage.Zero, error);
        }
        var (maxUsage, rateError) = await Manager.AuthorizeAsync(new SessionEvent(CgrIdOf(ev), runs) { Usage = usage }, ct).ConfigureAwait(false);
        return rateError is null ? (maxUsage, null) : (Usage.Zero, ErrorCodes.SubsystemError("RALS", rateError));
    }

    /// <summary>BiRPCv1InitiateSession. <paramref name="clientId"/> is the agent connection the call is disconnected through.</summary>
    public async Task<(AuthorizeReply? Reply, string? Error)> InitiateAsync(InitiateArgs args, string? clientId, CancellationToken ct = default)
    {
        var ev = args.ToEvent();
        if (Prepare(ev) is { } invalid)
        {
            return (null, invalid);
        }
        if (!args.GetAttributes && !args.AllocateResources && !args.AllocateIp && !args.InitSession)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("Subsystems"));
        }
        var originId = ev.FieldAsString(EventFields.OriginId) ?? "";
        var reply = new AuthorizeReply();
        if (args.GetAttributes)
        {
            (ev, reply.Attributes, var error) = ApplyAttributes(ev, args.AttributeIds);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.AllocateResources)
        {
            (reply.ResourceAllocation, var error) = await AllocateResourcesAsync(ev, originId, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.AllocateIp)
        {
            (reply.AllocatedIp, var error) = await AllocateIpAsync(ev, originId, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.InitSession)
        {
            var (request, error) = SessionRequest(ev, CgrIdOf(ev), clientId, fork: true);
            if (error is not null)
            {
                return (null, error);
            }
            request = request! with { Usage = RequestedUsage(ev) };
            var (maxUsage, initError) = await Manager.InitiateAsync(request, ct).ConfigureAwait(false);
            if (initError is not null)
            {
                return (null, initError == ErrorCodes.Exists ? initError : ErrorCodes.SubsystemError("RALS", initError));
            }
            reply.MaxUsage = maxUsage.Nanoseconds;
        }
        return await NotifiedAsync(ev, reply, args.ProcessThresholds, args.ThresholdIds, args.ProcessStats, args.StatIds, ct).ConfigureAwait(false);
    }

    /// <summary>BiRPCv1UpdateSession: an unknown CGRID is initiated (without debit loops) first.</summary>
    public async Task<(AuthorizeReply? Reply, string? Error)> UpdateAsync(UpdateArgs args, string? clientId, CancellationToken ct = default)
    {
        var ev = args.ToEvent();
        if (Prepare(ev) is { } invalid)
        {
            return (null, invalid);
        }
        if (!args.GetAttributes && !args.UpdateSession)
        {
            return (null, ErrorCodes.MandatoryIeMissingFields("Subsystems"));
        }
        var reply = new AuthorizeReply();
        if (args.GetAttributes)
        {
            (ev, reply.Attributes, var error) = ApplyAttributes(ev, args.AttributeIds);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.UpdateSession)
        {
            var cgrId = CgrIdOf(ev);
            var (request, error) = SessionRequest(ev, cgrId, clientId, fork: Manager.GetActive(cgrId) is null);
            if (error is not null)
            {
                return (null, error);
            }
            request = request! with { Usage = RequestedUsage(ev) };
            var (maxUsage, updateError) = await Manager.UpdateAsync(request, ct).ConfigureAwait(false);
            if (updateError is not null)
            {
                return (null, ErrorCodes.SubsystemError("RALS", updateError));
            }
            reply.MaxUsage = maxUsage.Nanoseconds;
        }
        if (args.ProcessThresholds)
        {
            var (ids, error) = await ThresholdsAsync(ev, args.ThresholdIds, ct).ConfigureAwait(false);
            if (error is not null && error != ErrorCodes.NotFound)
            {
                return (null, ErrorCodes.SubsystemError("THRESHOLDS", error));
            }
            reply.ThresholdIds = ids ?? [];
        }
        if (args.ProcessStats)
        {
            var (ids, error) = await StatsAsync(ev, args.StatIds, ct).ConfigureAwait(false);
            if (error is not null && error != ErrorCodes.NotFound)
            {
                _warn($"<SessionS> error: {error} processing event {ev.Id} with StatS.");
            }
            reply.StatQueueIds = ids ?? [];
        }
        return (reply, null);
    }

    /// <summary>
    /// BiRPCv1TerminateSession: charged exactly once per CGRID. A session not (yet) known is looked for terminate_attempts
    /// times with Fibonacci pauses, then charged as a one-shot message.
    /// </summary>
    public async Task<string?> TerminateAsync(TerminateArgs args, string? clientId, CancellationToken ct = default)
    {
        var ev = args.ToEvent();
        if (Prepare(ev) is { } invalid)
        {
            return invalid;
        }
        if (!args.TerminateSession && !args.ReleaseResources && !args.ReleaseIp)
        {
            return ErrorCodes.MandatoryIeMissingFields("Subsystems");
        }
        var cgrId = CgrIdOf(ev);
        var originId = ev.FieldAsString(EventFields.OriginId) ?? "";
        if (args.TerminateSession)
        {
            if (originId.Length == 0)
            {
                return ErrorCodes.MandatoryIeMissingFields("OriginID");
            }
            var known = await WaitForSessionAsync(cgrId, ct).ConfigureAwait(false);
            var (request, error) = SessionRequest(ev, cgrId, clientId, fork: !known);
            if (error is not null)
            {
                return known ? error : ErrorCodes.SubsystemError("RALS", error);
            }
            if (!known)
            {
                request = request! with { Usage = RequestedUsage(ev) };
            }
            var (terminateError, whileCharging) = await Manager.TerminateReportingStageAsync(request!, ct).ConfigureAwait(false);
            if (terminateError is not null)
            {
                // V1TerminateSession: charging an unknown session answers updateSession's error as it is.
                return whileCharging ? terminateError : ErrorCodes.SubsystemError("RALS", terminateError);
            }
        }
        if (args.ReleaseResources)
        {
            if (_subsystems.Resources is not null && originId.Length == 0)
            {
                return ErrorCodes.MandatoryIeMissingFields("OriginID");
            }
            var (_, error) = await ResourcesAsync(ev, originId, ResourceStep.Release, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }
        if (args.ReleaseIp)
        {
            if (_subsystems.Ips is not null && originId.Length == 0)
            {
                return ErrorCodes.MandatoryIeMissingFields("OriginID");
            }
            var (_, error) = await IpsAsync(ev, originId, IpStep.Release, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }
        var (_, _, failed) = await NotifyAsync(ev, args.ProcessThresholds, args.ThresholdIds, args.ProcessStats, args.StatIds, ct).ConfigureAwait(false);
        return failed ? ErrorCodes.PartiallyExecuted : null;
    }

    private async Task<bool> WaitForSessionAsync(string cgrId, CancellationToken ct)
    {
        var (previous, pause) = (0, 1);
        for (var attempt = 0; attempt < Math.Max(1, _options.Core.TerminateAttempts); attempt++)
        {
            if (Manager.GetActive(cgrId) is not null || Manager.IsClosed(cgrId))
            {
                return true;
            }
            if (attempt + 1 < _options.Core.TerminateAttempts)
            {
                await Task.Delay(pause, ct).ConfigureAwait(false);
                (previous, pause) = (pause, previous + pause);
            }
        }
        return false;
    }

    /// <summary>BiRPCv1ProcessMessage: a one-shot charge (SMS, a CDR-less event) with the authorize-side subsystems.</summary>
    public async Task<(AuthorizeReply? Reply, string? Error)> ProcessMessageAsync(ProcessMessageArgs args, CancellationToken ct = default)
    {
        var ev = args.ToEvent();
        if (Prepare(ev) is { } invalid)
        {
            return (null, invalid);
        }
        var reply = new AuthorizeReply();
        if (args.GetAttributes)
        {
            (ev, reply.Attributes, var error) = ApplyAttributes(ev, args.AttributeIds);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.AllocateResources)
        {
            (reply.ResourceAllocation, var error) = await AllocateResourcesAsync(ev, ev.FieldAsString(EventFields.OriginId) ?? "", ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.AllocateIp)
        {
            (reply.AllocatedIp, var error) = await AllocateIpAsync(ev, ev.FieldAsString(EventFields.OriginId) ?? "", ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (args.GetRoutes)
        {
            var (routes, error) = await RoutesAsync(ev, args.RoutesMaxCost, args.RoutesIgnoreErrors, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
            reply.RouteProfiles = routes;
        }
        if (args.Debit)
        {
            var (request, error) = SessionRequest(ev, CgrIdOf(ev), null, fork: true);
            if (error is not null)
            {
                return (null, error);
            }
            var (maxUsage, chargeError) = await Manager.ChargeAsync(request! with { Usage = RequestedUsage(ev) }, ct).ConfigureAwait(false);
            if (chargeError is not null)
            {
                return (null, ErrorCodes.SubsystemError("RALS", chargeError));
            }
            reply.MaxUsage = maxUsage.Nanoseconds;
        }
        return await NotifiedAsync(ev, reply, args.ProcessThresholds, args.ThresholdIds, args.ProcessStats, args.StatIds, ct).ConfigureAwait(false);
    }

    /// <summary>The reply once ThresholdS and StatS have seen the event, or PARTIALLY_EXECUTED when one of them failed.</summary>
    private async Task<(AuthorizeReply? Reply, string? Error)> NotifiedAsync(CgrEvent ev, AuthorizeReply reply, bool thresholds,
        IReadOnlyList<string>? thresholdIds, bool stats, IReadOnlyList<string>? statIds, CancellationToken ct)
    {
        (reply.ThresholdIds, reply.StatQueueIds, var failed) = await NotifyAsync(ev, thresholds, thresholdIds, stats, statIds, ct).ConfigureAwait(false);
        return failed ? (null, ErrorCodes.PartiallyExecuted) : (reply, null);
    }
}
