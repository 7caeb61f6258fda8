using Obol.Api;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    private const string Raw = "*raw";
    private const string DerivedReply = "*derived_reply";

    /// <summary>
    /// BiRPCv1ProcessEvent: one event through the subsystems its flags name. With <c>*chargers</c> the subsystems see every
    /// charger run when their flag has <c>*derived_reply</c>, otherwise only the raw event; answers are keyed by run.
    /// </summary>
    public async Task<(ProcessEventReply? Reply, string? Error)> ProcessEventAsync(ProcessEventRequest args, string? clientId, CancellationToken ct = default)
    {
        var raw = args.ToEvent();
        if (Prepare(raw) is { } invalid)
        {
            return (null, invalid);
        }
        var flags = new SessionFlagSet(args.Flags);
        var blockErrors = flags.IsOn("*blocker_error");
        var events = new Dictionary<string, CgrEvent>(StringComparer.Ordinal) { [Raw] = raw };
        if (flags.IsOn("*chargers"))
        {
            var (runs, error) = Fork(raw);
            if (error is not null)
            {
                return (null, error);
            }
            foreach (var run in runs)
            {
                events[run.RunId] = run.Event;
            }
        }
        var reply = new ProcessEventReply();
        var failed = false;
        if (flags.IsOn("*attributes"))
        {
            reply.Attributes = [];
            foreach (var (runId, ev) in Derived(events, flags, "*attributes"))
            {
                var (altered, attributes, error) = ApplyAttributes(ev, flags.Values("*attributes", "*ids"));
                if (error is not null)
                {
                    return (null, error);
                }
                if (attributes is not null)
                {
                    events[runId] = altered;
                    reply.Attributes[runId] = attributes;
                }
            }
            raw = events[Raw];
        }
        if (flags.IsOn("*routes"))
        {
            reply.RouteProfiles = [];
            var maxCost = flags.Has("*routes", "*event_cost") ? "*event_cost" : flags.Value("*routes", "*maxcost");
            foreach (var (runId, ev) in Derived(events, flags, "*routes"))
            {
                var (routes, error) = await RoutesAsync(ev, maxCost, flags.Has("*routes", "*ignore_errors"), ct).ConfigureAwait(false);
                if (error is not null)
                {
                    return (null, error);
                }
                reply.RouteProfiles[runId] = routes!;
            }
        }
        if (flags.IsOn("*thresholds"))
        {
            reply.ThresholdIds = [];
            foreach (var (runId, ev) in Derived(events, flags, "*thresholds"))
            {
                var (ids, error) = await ThresholdsAsync(ev, flags.Values("*thresholds", "*ids"), ct).ConfigureAwait(false);
                if (error is not null && error != ErrorCodes.NotFound)
                {
                    if (blockErrors)
                    {
                        return (null, ErrorCodes.SubsystemError("THRESHOLDS", error));
                    }
                    _warn($"<SessionS> error: {error} processing event {ev.Id} for RunID <{runId}> with ThresholdS.");
                    failed = true;
                }
                reply.ThresholdIds[runId] = ids is { Count: > 0 } ? ids : null;
            }
        }
        if (flags.IsOn("*stats"))
        {
            reply.StatQueueIds = [];
            foreach (var (runId, ev) in Derived(events, flags, "*stats"))
            {
                var (ids, error) = await StatsAsync(ev, flags.Values("*stats", "*ids"), ct).ConfigureAwait(false);
                if (error is not null && error != ErrorCodes.NotFound)
                {
                    if (blockErrors)
                    {
                        return (null, ErrorCodes.SubsystemError("STATS", error));
                    }
                    _warn($"<SessionS> error: {error} processing event {ev.Id} for RunID <{runId}> with StatS.");
                    failed = true;
                }
                reply.StatQueueIds[runId] = ids is { Count: > 0 } ? ids : null;
            }
        }
        if (await StirAsync(events, flags, reply, ct).ConfigureAwait(false) is { } stirError)
        {
            return (null, stirError);
        }
        if (flags.IsOn("*resources"))
        {
            if (_subsystems.Resources is null)
            {
                return (null, ErrorCodes.NotConnectedTo("ResourceS"));
            }
            reply.ResourceAllocation = [];
            var step = flags.Has("*resources", "*authorize") ? ResourceStep.Authorize
                : flags.Has("*resources", "*allocate") ? ResourceStep.Allocate
                : flags.Has("*resources", "*release") ? ResourceStep.Release : (ResourceStep?)null;
            foreach (var (runId, ev) in step is null ? [] : Derived(events, flags, "*resources"))
            {
                if (ev.FieldAsString(EventFields.OriginId) is not { Length: > 0 } originId)
                {
                    return (null, ErrorCodes.MandatoryIeMissingFields("OriginID"));
                }
                var (message, error) = await ResourcesAsync(ev, originId, step!.Value, ct).ConfigureAwait(false);
                if (error is not null)
                {
                    if (blockErrors)
                    {
                        return (null, error);
                    }
                    failed = true;
                }
                reply.ResourceAllocation[runId] = message ?? "";
            }
        }
        if (flags.IsOn("*ips"))
        {
            if (_subsystems.Ips is null)
            {
                return (null, ErrorCodes.NotConnectedTo("IPs"));
            }
            reply.AllocatedIp = [];
            var step = flags.Has("*ips", "*authorize") ? IpStep.Authorize
                : flags.Has("*ips", "*allocate") ? IpStep.Allocate
                : flags.Has("*ips", "*release") ? IpStep.Release : (IpStep?)null;
            foreach (var (runId, ev) in step is null ? [] : Derived(events, flags, "*ips"))
            {
                if (ev.FieldAsString(EventFields.OriginId) is not { Length: > 0 } originId)
                {
                    return (null, ErrorCodes.MandatoryIeMissingFields("OriginID"));
                }
                var (ip, error) = await IpsAsync(ev, originId, step!.Value, ct).ConfigureAwait(false);
                if (error is not null)
                {
                    if (blockErrors)
                    {
                        return (null, error);
                    }
                    _warn($"<SessionS> error: <{error}> processing event {ev.Id} for RunID <{runId}> with IPs.");
                    failed = true;
                }
                reply.AllocatedIp[runId] = ip ?? new AllocatedIpWire("", "", "", "");
            }
        }
        if (flags.IsOn("*rals"))
        {
            var error = await RalsAsync(raw, events, flags, clientId, reply, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }
        }
        if (flags.IsOn("*cdrs"))
        {
            if (_subsystems.Cdrs is not { } cdrs)
            {
                return (null, ErrorCodes.NotConnectedTo("CDRs"));
            }
            var cdrFlags = cdrs.Options.Defaults.With(flags.OptionsAsFlags("*cdrs"));
            foreach (var (_, ev) in Derived(events, flags, "*cdrs"))
            {
                if (await ProcessCdrWithFlagsAsync(ev, cdrs, cdrFlags, ct).ConfigureAwait(false) is { } error)
                {
                    if (blockErrors)
                    {
                        return (null, ErrorCodes.SubsystemError("CDRS", error));
                    }
                    failed = true;
                }
            }
        }
        return failed ? (null, ErrorCodes.PartiallyExecuted) : (reply.WithoutEmptyMaps(), null);
    }

    /// <summary>BiRPCv1GetCost: attributes when flagged, then the event's cost for its Usage.</summary>
    public async Task<(GetCostReply? Reply, string? Error)> GetCostAsync(ProcessEventRequest args, CancellationToken ct = default)
    {
        var ev = args.ToEvent();
        if (Prepare(ev) is { } invalid)
        {
            return (null, invalid);
        }
        var flags = new SessionFlagSet(args.Flags);
        Api.AttributeReply? attributes = null;
        if (flags.IsOn("*attributes"))
        {
            (ev, attributes, var error) = ApplyAttributes(ev, flags.Values("*attributes", "*ids"));
            if (error is not null)
            {
                return (null, error);
            }
        }
        var (cost, costError) = await Manager.PriceAsync(WithCategory(ev), UsageField(ev, EventFields.Usage) ?? Usage.Zero, ct).ConfigureAwait(false);
        if (costError is not null || cost is null)
        {
            return (null, costError ?? ErrorCodes.NotFound);
        }
        return (new GetCostReply(attributes, EventCostBuilder.FromCallCost(cost, ev.Id, ev.FieldAsString(EventFields.RunId) ?? "", _options.Core.RoundingDecimals)), null);
    }

    /// <summary><c>*rals</c>: <c>*cost</c> prices each run; <c>*authorize</c>, <c>*initiate</c>, <c>*update</c> or
    /// <c>*terminate</c> runs the session step on the raw event.</summary>
    private async Task<string?> RalsAsync(CgrEvent raw, Dictionary<string, CgrEvent> events, SessionFlagSet flags, string? clientId,
        ProcessEventReply reply, CancellationToken ct)
    {
        if (flags.Has("*rals", "*cost"))
        {
            reply.Cost = [];
            foreach (var (runId, ev) in Derived(events, flags, "*rals"))
            {
                var (cost, error) = await Manager.PriceAsync(ev, UsageField(ev, EventFields.Usage) ?? Usage.Zero, ct).ConfigureAwait(false);
                if (error is not null || cost is null)
                {
                    return error ?? ErrorCodes.NotFound;
                }
                reply.Cost[runId] = cost.Cost;
            }
        }
        var cgrId = CgrIdOf(raw);
        (Usage MaxUsage, string? Error)? outcome = null;
        var byRun = flags.Has("*rals", DerivedReply) ? new Dictionary<string, Usage>(StringComparer.Ordinal) : null;
        // Runs left to the debit loops (granted -1) answer the default usage, as CGRateS's active debit does.
        var defaultUsage = _options.DefaultUsageFor(raw.FieldAsString(EventFields.ToR));
        if (flags.Has("*rals", "*authorize"))
        {
            outcome = await MaxUsageAsync(raw, ct).ConfigureAwait(false);
        }
        else if (flags.Has("*rals", "*initiate") || flags.Has("*rals", "*update"))
        {
            var initiate = flags.Has("*rals", "*initiate");
            var (request, error) = SessionRequest(raw, cgrId, clientId, fork: initiate || Manager.GetActive(cgrId) is null);
            if (error is not null)
            {
                return error;
            }
            request = request! with { Usage = RequestedUsage(raw) };
            var (maxUsage, stepError) = initiate
                ? await Manager.InitiateAsync(request, byRun, ct).ConfigureAwait(false)
                : await Manager.UpdateAsync(request, byRun, ct).ConfigureAwait(false);
            outcome = (maxUsage.IsUnlimited ? defaultUsage : maxUsage,
                stepError is null or ErrorCodes.Exists ? stepError : ErrorCodes.SubsystemError("RALS", stepError));
        }
        else if (flags.Has("*rals", "*terminate"))
        {
            var known = Manager.GetActive(cgrId) is not null || Manager.IsClosed(cgrId);
            var (request, error) = SessionRequest(raw, cgrId, clientId, fork: !known);
            if (error is not null)
            {
                return error;
            }
            if (await Manager.TerminateAsync(known ? request! : request! with { Usage = RequestedUsage(raw) }, ct).ConfigureAwait(false) is { } endError)
            {
                return ErrorCodes.SubsystemError("RALS", endError);
            }
        }
        if (outcome is { } result)
        {
            var (usage, stepFailure) = result;
            if (stepFailure is not null)
            {
                return stepFailure;
            }
            // getDerivedMaxUsage: with *derived_reply every session run's own grant, and *raw the least of them.
            reply.MaxUsage = byRun is { Count: > 0 }
                ? byRun.ToDictionary(e => e.Key, e => (e.Value.IsUnlimited ? defaultUsage : e.Value).Nanoseconds, StringComparer.Ordinal)
                : Derived(events, flags, "*rals").ToDictionary(e => e.Key, _ => usage.Nanoseconds, StringComparer.Ordinal);
            reply.MaxUsage[Raw] = usage.Nanoseconds;
        }
        return null;
    }

    /// <summary>getDerivedEvents: every run with <c>*derived_reply</c> on the subsystem's flag, else the raw event only.</summary>
    private static Dictionary<string, CgrEvent> Derived(Dictionary<string, CgrEvent> events, SessionFlagSet flags, string subsystem) =>
        flags.Has(subsystem, DerivedReply) ? events : new Dictionary<string, CgrEvent>(StringComparer.Ordinal) { [Raw] = events[Raw] };
}
