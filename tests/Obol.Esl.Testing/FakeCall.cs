using System.Globalization;

namespace Obol.Esl.Testing;

/// <summary>
/// One inbound call leg played on a <see cref="FakeFreeSwitch"/> as FreeSWITCH reports it over the event socket:
/// CHANNEL_PARK, CHANNEL_ANSWER and CHANNEL_HANGUP_COMPLETE with the headers and channel variables an agent reads
/// (Unique-ID, Caller-Username, Caller-Destination-Number, the Caller-Channel-*-Time microseconds, answer/end epochs,
/// billsec...). As in FreeSWITCH, what the agent set with <c>uuid_setvar</c> comes back as <c>variable_*</c> headers in
/// the later events, and the channel is listed by <c>show channels</c> from answer to hangup.
/// </summary>
public sealed class FakeCall
{
    /// <summary>The <c>cgr_flags</c> the sample directory (samples/freeswitch/directory) gives every user.</summary>
    public const string DirectoryFlags = "*accounts;*attributes;*resources;*routes;*thresholds;*stats";

    private const string CoreUuid = "fa4e0000-0000-4000-8000-000000000001";
    private readonly FakeFreeSwitch _freeSwitch;
    private readonly TimeProvider _time;
    private DateTimeOffset _created;
    private DateTimeOffset? _answered;

    public FakeCall(FakeFreeSwitch freeSwitch, string account, string destination, string requestType, string? uuid = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(freeSwitch);
        _freeSwitch = freeSwitch;
        _time = time ?? TimeProvider.System;
        Account = account;
        Destination = destination;
        Uuid = uuid ?? Guid.NewGuid().ToString();
        Variables = new(StringComparer.Ordinal) { ["cgr_reqtype"] = requestType, ["cgr_flags"] = DirectoryFlags };
    }

    public string Uuid { get; }

    public string Account { get; }

    public string Destination { get; }

    /// <summary>Channel variables the dialplan or directory set (sent as <c>variable_&lt;name&gt;</c>); cgr_reqtype and
    /// cgr_flags to start with.</summary>
    public Dictionary<string, string> Variables { get; }

    /// <summary>When CHANNEL_ANSWER was sent, null before.</summary>
    public DateTimeOffset? AnsweredAt => _answered;

    /// <summary>The variables the agent set on this channel with <c>uuid_setvar</c>, the last value of each.</summary>
    public IReadOnlyDictionary<string, string> AgentVariables
    {
        get
        {
            var set = new Dictionary<string, string>(StringComparer.Ordinal);
            var prefix = $"uuid_setvar {Uuid} ";
            foreach (var command in _freeSwitch.ApiCommands.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var nameAndValue = command[prefix.Length..].Split(' ', 2);
                set[nameAndValue[0]] = nameAndValue.Length == 2 ? nameAndValue[1] : "";
            }
            return set;
        }
    }

    /// <summary>Parks the call and waits for the agent to send it back into the dialplan (<c>uuid_transfer</c>).</summary>
    /// <returns>The verdict the agent left in <c>cgr_notify</c> (AUTH_OK or the reason of a refusal).</returns>
    public async Task<string> ParkAsync(TimeSpan? timeout = null)
    {
        _created = _time.GetUtcNow();
        await SendAsync(Headers("CHANNEL_PARK")).ConfigureAwait(false);
        await _freeSwitch.WaitForCommandAsync(c => c.Verb == "api" && c.Argument.StartsWith($"uuid_transfer {Uuid} ", StringComparison.Ordinal),
            timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return AgentVariables.GetValueOrDefault("cgr_notify", "");
    }

    /// <summary>The callee answers: the channel shows in <c>show channels</c> and CHANNEL_ANSWER goes out.</summary>
    public async Task AnswerAsync()
    {
        _answered = _time.GetUtcNow();
        if (_created == default)
        {
            _created = _answered.Value;
        }
        _freeSwitch.AddChannel(new FakeChannel(Uuid, Account, Destination, Application: "bridge", ApplicationData: $"user/{Destination}"));
        await SendAsync(Headers("CHANNEL_ANSWER")).ConfigureAwait(false);
    }

    /// <summary>Waits for the agent to hang the call up (<c>sendmsg &lt;uuid&gt;</c> with <c>call-command: hangup</c>).</summary>
    public Task<EslReceivedCommand> WaitForDisconnectAsync(TimeSpan timeout) =>
        _freeSwitch.WaitForCommandAsync(c => c.Verb == "sendmsg" && c.Argument == Uuid
            && c.Headers.GetValueOrDefault("call-command") == "hangup", timeout);

    /// <summary>
    /// The call ends: the channel leaves <c>show channels</c> and CHANNEL_HANGUP_COMPLETE goes out. billsec is
    /// <paramref name="billsec"/> when given (to stand for a call longer than the test waits), else the whole seconds
    /// since the answer, as FreeSWITCH truncates them; an unanswered call has billsec 0 and answer_epoch 0.
    /// </summary>
    /// <returns>The billsec reported.</returns>
    public async Task<int> HangupAsync(int? billsec = null, string cause = "NORMAL_CLEARING")
    {
        var now = _time.GetUtcNow();
        var seconds = billsec ?? (_answered is { } answered ? (int)(now - answered).TotalSeconds : 0);
        _freeSwitch.RemoveChannel(Uuid);
        var headers = Headers("CHANNEL_HANGUP_COMPLETE", now);
        headers.AddRange(
        [
            new("Hangup-Cause", cause),
            new("variable_hangup_cause", cause),
            new("variable_end_epoch", Epoch(now)),
            new("variable_duration", Text((int)(now - _created).TotalSeconds)),
            new("variable_billsec", Text(seconds)),
            new("variable_billmsec", Text(seconds * 1000)),
        ]);
        await SendAsync(headers).ConfigureAwait(false);
        return seconds;
    }

    /// <summary>A whole answered call: park (which must be authorized), answer, <paramref name="talk"/> of real time, hangup.</summary>
    /// <returns>The billsec reported.</returns>
    /// <exception cref="InvalidOperationException">The agent refused the call at park.</exception>
    public async Task<int> PlayAsync(TimeSpan talk, int? billsec = null)
    {
        var verdict = await ParkAsync().ConfigureAwait(false);
        if (verdict != "AUTH_OK")
        {
            throw new InvalidOperationException($"The call {Uuid} was refused at park: {verdict}");
        }
        await AnswerAsync().ConfigureAwait(false);
        await Task.Delay(talk, _time).ConfigureAwait(false);
        return await HangupAsync(billsec).ConfigureAwait(false);
    }

    /// <summary>Sends the event; one nobody was subscribed to would leave the test waiting for an answer that cannot come.</summary>
    private async Task SendAsync(List<KeyValuePair<string, string>> headers)
    {
        if (await _freeSwitch.SendEventAsync(headers).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"No connection is subscribed to {headers[0].Value}; the call {Uuid} cannot be played.");
        }
    }

    private List<KeyValuePair<string, string>> Headers(string eventName, DateTimeOffset? hangup = null)
    {
        var now = _time.GetUtcNow();
        var answered = _answered is not null;
        var (state, callState, answerState) = eventName switch
        {
            "CHANNEL_PARK" => ("CS_EXECUTE", "RINGING", "ringing"),
            "CHANNEL_ANSWER" => ("CS_EXECUTE", "ACTIVE", "answered"),
            _ => ("CS_REPORTING", "HANGUP", "hangup"),
        };
        List<KeyValuePair<string, string>> headers =
        [
            new("Event-Name", eventName),
            new("Core-UUID", CoreUuid),
            new("FreeSWITCH-Hostname", "fake-fs"),
            new("FreeSWITCH-Switchname", "fake-fs"),
            new("FreeSWITCH-IPv4", "10.0.2.15"),
            new("Event-Date-Timestamp", Microseconds(now)),
            new("Channel-State", state),
            new("Channel-Call-State", callState),
            new("Channel-Name", $"sofia/internal/{Account}@127.0.0.1"),
            new("Unique-ID", Uuid),
            new("Call-Direction", "inbound"),
            new("Channel-Call-UUID", Uuid),
            new("Answer-State", answerState),
            new("Caller-Direction", "inbound"),
            new("Caller-Username", Account),
            new("Caller-Dialplan", "XML"),
            new("Caller-Caller-ID-Name", Account),
            new("Caller-Caller-ID-Number", Account),
            new("Caller-Network-Addr", "127.0.0.1"),
            new("Caller-ANI", Account),
            new("Caller-Destination-Number", Destination),
            new("Caller-Unique-ID", Uuid),
            new("Caller-Source", "mod_sofia"),
            new("Caller-Context", "default"),
            new("Caller-Channel-Name", $"sofia/internal/{Account}@127.0.0.1"),
            new("Caller-Channel-Created-Time", Microseconds(_created)),
            new("Caller-Channel-Answered-Time", answered ? Microseconds(_answered!.Value) : "0"),
            new("Caller-Channel-Hangup-Time", hangup is { } h ? Microseconds(h) : "0"),
            new("variable_direction", "inbound"),
            new("variable_uuid", Uuid),
            new("variable_sip_from_user", Account),
            new("variable_sip_req_user", Destination),
            new("variable_user_name", Account),
            new("variable_start_epoch", Epoch(_created)),
            new("variable_answer_epoch", answered ? Epoch(_answered!.Value) : "0"),
        ];
        // What the agent set overrides what the dialplan set, as a later uuid_setvar does on a real channel.
        var variables = new Dictionary<string, string>(Variables, StringComparer.Ordinal);
        foreach (var (name, value) in AgentVariables)
        {
            variables[name] = value;
        }
        headers.AddRange(variables.Select(v => new KeyValuePair<string, string>("variable_" + v.Key, v.Value)));
        if (eventName == "CHANNEL_PARK")
        {
            headers.Add(new("variable_current_application", "park"));
        }
        return headers;
    }

    private static string Microseconds(DateTimeOffset time) => Text((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);

    private static string Epoch(DateTimeOffset time) => Text(time.ToUnixTimeSeconds());

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
