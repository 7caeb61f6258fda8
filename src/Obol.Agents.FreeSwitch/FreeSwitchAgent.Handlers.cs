using System.Globalization;
using Obol.Esl;
using Obol.Events;
using Obol.Primitives;
using H = Obol.Agents.FreeSwitch.FreeSwitchHeaders;

namespace Obol.Agents.FreeSwitch;

// The three channel events, step by step as fsagent.go's onChannelPark / onChannelAnswer / onChannelHangupComplete.
public sealed partial class FreeSwitchAgent
{
    private const string ReqPrefix = "*req.";

    private async Task OnParkAsync(FreeSwitchConnection connection, EslEvent ev, CancellationToken ct)
    {
        if (_mapper.RequestType(ev) == Meta.None)
        {
            return;
        }
        var uuid = ev.UniqueId ?? "";
        var destination = FreeSwitchEventMapper.CallDestinationNumber(ev);
        var args = _mapper.ToAuthorizeArgs(ev, connection.Alias, connection.Index);
        var (reply, error) = await _sessions.AuthorizeAsync(args, ct).ConfigureAwait(false);
        if (error is not null || reply is null)
        {
            _log($"<FreeSWITCHAgent> could not authorize event {uuid}, error: {error}");
            await UnparkAsync(connection, uuid, destination, error ?? ErrorCodes.ServerError, ct).ConfigureAwait(false);
            return;
        }
        if (reply.Attributes is { } attributes)
        {
            foreach (var altered in attributes.AlteredFields)
            {
                var field = altered.StartsWith(ReqPrefix, StringComparison.Ordinal) ? altered[ReqPrefix.Length..] : altered;
                if (!attributes.Event.TryGetValue(field, out var value))
                {
                    continue; // removed by the attribute profile
                }
                if (await SetVarAsync(connection, uuid, field, EventValues.AsString(value), ct).ConfigureAwait(false) is { } failed)
                {
                    await UnparkAsync(connection, uuid, destination, failed, ct).ConfigureAwait(false);
                    return;
                }
            }
        }
        if (args.GetMaxUsage)
        {
            if (reply.MaxUsage is null or 0)
            {
                await UnparkAsync(connection, uuid, destination, H.InsufficientCredit, ct).ConfigureAwait(false);
                return;
            }
            await SetMaxCallDurationAsync(connection, uuid, new Usage(reply.MaxUsage.Value), destination, ct).ConfigureAwait(false);
        }
        if (reply.ResourceAllocation is { } allocation
            && await SetVarAsync(connection, uuid, H.VarResourceAllocation, allocation, ct).ConfigureAwait(false) is { } resourceFailed)
        {
            await UnparkAsync(connection, uuid, destination, resourceFailed, ct).ConfigureAwait(false);
            return;
        }
        if (reply.RouteProfiles is { } profiles)
        {
            List<string> routes = [.. profiles.SelectMany(p => p.RoutesWithParameters().Select(r => _options.RouteProfile ? r + "@" + p.ProfileId : r))];
            if (await SetVarAsync(connection, uuid, H.VarRoutes, FreeSwitchEventMapper.FsArray(routes), ct).ConfigureAwait(false) is { } routesFailed)
            {
                await UnparkAsync(connection, uuid, destination, routesFailed, ct).ConfigureAwait(false);
                return;
            }
        }
        await UnparkAsync(connection, uuid, destination, H.AuthOk, ct).ConfigureAwait(false);
    }

    private async Task OnAnswerAsync(FreeSwitchConnection connection, EslEvent ev, CancellationToken ct)
    {
        if (_mapper.RequestType(ev) == Meta.None)
        {
            return;
        }
        var uuid = ev.UniqueId ?? "";
        // Stamped on the channel so the hangup event carries the OriginHost the session was created with.
        if (await SetVarAsync(connection, uuid, H.VarOriginHost, connection.Alias, ct).ConfigureAwait(false) is not null)
        {
            return;
        }
        if (_mapper.MissingParameter(ev) is { } missing)
        {
            await DisconnectChannelAsync(connection, uuid, "", ErrorCodes.MandatoryIeMissingFields(missing), ct).ConfigureAwait(false);
            return;
        }
        var (reply, error) = await _sessions.InitiateAsync(_mapper.ToInitiateArgs(ev, connection.Alias, connection.Index), _options.ClientId, ct)
            .ConfigureAwait(false);
        if (error is not null)
        {
            _log($"<FreeSWITCHAgent> could not process answer for event {uuid}, error: {error}");
            await DisconnectChannelAsync(connection, uuid, "", error, ct).ConfigureAwait(false);
            return;
        }
        // With debit loops SessionS answers -1: the scheduled transfer set at park must not cut the call short.
        if (_options.SchedTransferExtension.Length > 0 && reply?.MaxUsage == -1 && connection.Client is { } client)
        {
            await TryAsync($"sched_del for {uuid}", async () =>
            {
                var scheduled = (await client.UuidGetVarAsync(uuid, "last_sched_id", ct).ConfigureAwait(false))?.Trim();
                if (!string.IsNullOrEmpty(scheduled))
                {
                    await client.ApiAsync("sched_del " + scheduled, ct).ConfigureAwait(false);
                }
                return "";
            }).ConfigureAwait(false);
        }
    }

    private async Task OnHangupCompleteAsync(FreeSwitchConnection connection, EslEvent ev, CancellationToken ct)
    {
        if (_mapper.RequestType(ev) == Meta.None)
        {
            return;
        }
        // An unanswered call never started a session; anything but "0" (even a missing header) counts as answered.
        if (ev[H.AnswerEpoch] != "0")
        {
            var error = await _sessions.TerminateAsync(_mapper.ToTerminateArgs(ev, connection.Alias, connection.Index), _options.ClientId, ct)
                .ConfigureAwait(false);
            if (error is not null)
            {
                _log($"<FreeSWITCHAgent> could not terminate session with event {ev.UniqueId}, error: {error}");
            }
        }
        if (_options.CreateCdr)
        {
            var error = await _sessions.ProcessCdrAsync(_mapper.ToCgrEvent(ev, connection.Alias), ct).ConfigureAwait(false);
            if (error is not null)
            {
                _log($"<FreeSWITCHAgent> failed processing CDR for {ev.UniqueId}, error: {error}");
            }
        }
    }

    /// <summary>setMaxCallDuration: cgr_max_usage in whole seconds, then what happens when they run out.</summary>
    private async Task SetMaxCallDurationAsync(FreeSwitchConnection connection, string uuid, Usage maxUsage, string destination,
        CancellationToken ct)
    {
        var seconds = (maxUsage.Nanoseconds / 1_000_000_000).ToString(CultureInfo.InvariantCulture);
        if (await SetVarAsync(connection, uuid, H.VarMaxUsage, seconds, ct).ConfigureAwait(false) is not null)
        {
            return;
        }
        if (_options.EmptyBalanceContext.Length > 0)
        {
            await SetVarAsync(connection, uuid, "execute_on_answer",
                $"sched_transfer +{seconds} {destination} XML {_options.EmptyBalanceContext}", ct).ConfigureAwait(false);
        }
        else if (_options.EmptyBalanceAnnFile.Length > 0)
        {
            await ApiAsync(connection, $"sched_broadcast +{seconds} {uuid} playback!manager_request::{_options.EmptyBalanceAnnFile} aleg", ct)
                .ConfigureAwait(false);
        }
        else if (_options.SchedTransferExtension.Length > 0)
        {
            await SetVarAsync(connection, uuid, "execute_on_answer",
                $"sched_transfer +{seconds} {_options.SchedTransferExtension} XML default", ct).ConfigureAwait(false);
        }
        else
        {
            await SetVarAsync(connection, uuid, "execute_on_answer", $"sched_hangup +{seconds} alloted_timeout", ct).ConfigureAwait(false);
        }
    }
}
