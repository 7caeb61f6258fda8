using System.Text;

namespace Obol.Esl;

// The commands the FreeSWITCH agent sends, spelled as CGRateS spells them (reference §5.1).
public sealed partial class EslClient
{
    private const string BackgroundJobEvent = "BACKGROUND_JOB";

    /// <summary>Runs <c>api &lt;command&gt;</c> and returns the response body as FreeSWITCH wrote it (often ending in a newline).</summary>
    /// <exception cref="EslCommandException">The body starts with <c>-ERR</c> or <c>-USAGE</c>.</exception>
    public async Task<string> ApiAsync(string command, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireCommand(command, nameof(command));
        var reply = await SendAsync("api " + command + "\n\n", "api " + command, null, cancellationToken).ConfigureAwait(false);
        var text = reply.ContentType == EslContentTypes.ApiResponse ? reply.BodyText : reply.ReplyText ?? "";
        if (reply.IsError)
        {
            throw new EslCommandException(command, text.TrimEnd());
        }
        return text;
    }

    /// <summary>
    /// Runs <c>bgapi &lt;command&gt;</c> with a client-chosen <c>Job-UUID</c> and returns once FreeSWITCH accepted it; the
    /// job's outcome arrives later through <see cref="EslBackgroundJob.Result"/>. FreeSWITCH only delivers that outcome
    /// to connections subscribed to <c>BACKGROUND_JOB</c>, so subscribe first.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="SubscribeAsync"/> covered <c>BACKGROUND_JOB</c>.</exception>
    /// <exception cref="EslCommandException">FreeSWITCH refused to start the job.</exception>
    public async Task<EslBackgroundJob> BgApiAsync(string command, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireCommand(command, nameof(command));
        var jobUuid = Guid.NewGuid().ToString();
        var result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_subscribedEvents.Contains(BackgroundJobEvent) && !_subscribedEvents.Contains("ALL"))
            {
                throw new InvalidOperationException("Subscribe to BACKGROUND_JOB before using bgapi, or the job result never arrives.");
            }
            // Registered before sending: the BACKGROUND_JOB event may follow the reply immediately.
            _jobs[jobUuid] = result;
        }

        EslFrame reply;
        try
        {
            reply = await SendAsync($"bgapi {command}\nJob-UUID: {jobUuid}\n\n", "bgapi " + command, jobUuid, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            ForgetJob(jobUuid);
            throw;
        }
        if (reply.IsError)
        {
            ForgetJob(jobUuid);
            throw new EslCommandException(command, reply.ReplyText ?? "");
        }
        return new EslBackgroundJob(reply["Job-UUID"] ?? jobUuid, result.Task);
    }

    /// <summary>
    /// Subscribes with <c>event plain &lt;names&gt;</c>, e.g. <c>CHANNEL_PARK CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE</c>;
    /// custom subclasses (<c>sofia::register</c>) go after <c>CUSTOM</c>, which FreeSWITCH requires to come last.
    /// Subscriptions add up over calls.
    /// </summary>
    public async Task SubscribeAsync(IEnumerable<string> eventNames, IEnumerable<string>? customSubclasses = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventNames);
        var names = new List<string>();
        var custom = false;
        foreach (var name in eventNames)
        {
            EslCommandText.RequireToken(name, nameof(eventNames));
            if (name == "CUSTOM")
            {
                custom = true;
            }
            else
            {
                names.Add(name);
            }
        }
        var subclasses = new List<string>();
        foreach (var subclass in customSubclasses ?? [])
        {
            EslCommandText.RequireToken(subclass, nameof(customSubclasses));
            subclasses.Add(subclass);
        }
        if (custom || subclasses.Count > 0)
        {
            names.Add("CUSTOM");
            names.AddRange(subclasses);
        }
        if (names.Count == 0)
        {
            throw new ArgumentException("Name at least one event to subscribe to.", nameof(eventNames));
        }

        var command = "event plain " + string.Join(' ', names);
        await ExpectOkAsync(command, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _subscribedEvents.UnionWith(names);
        }
    }

    /// <summary>Adds an event filter, <c>filter &lt;header&gt; &lt;value&gt;</c> (CGRateS: <c>filter Call-Direction inbound</c>).</summary>
    public Task FilterAsync(string header, string value, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(header, nameof(header));
        EslCommandText.RequireCommand(value, nameof(value));
        return ExpectOkAsync($"filter {header} {value}", cancellationToken);
    }

    /// <summary><c>uuid_setvar &lt;uuid&gt; &lt;name&gt; &lt;value&gt;</c>; the value may contain spaces, an empty value unsets.</summary>
    public Task<string> UuidSetVarAsync(string uuid, string name, string value, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(uuid, nameof(uuid));
        EslCommandText.RequireToken(name, nameof(name));
        EslCommandText.RequireLine(value, nameof(value));
        return ApiAsync(value.Length == 0 ? $"uuid_setvar {uuid} {name}" : $"uuid_setvar {uuid} {name} {value}", cancellationToken);
    }

    /// <summary><c>uuid_getvar &lt;uuid&gt; &lt;name&gt;</c>; null when the variable is unset (FreeSWITCH answers <c>_undef_</c>).</summary>
    public async Task<string?> UuidGetVarAsync(string uuid, string name, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(uuid, nameof(uuid));
        EslCommandText.RequireToken(name, nameof(name));
        var value = (await ApiAsync($"uuid_getvar {uuid} {name}", cancellationToken).ConfigureAwait(false)).TrimEnd('\n');
        return value == "_undef_" ? null : value;
    }

    /// <summary><c>uuid_kill &lt;uuid&gt; [&lt;cause&gt;]</c>, e.g. cause <c>MANAGER_REQUEST</c>.</summary>
    public Task<string> UuidKillAsync(string uuid, string? cause = null, CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(uuid, nameof(uuid));
        if (cause is not null)
        {
            EslCommandText.RequireToken(cause, nameof(cause));
        }
        return ApiAsync(cause is null ? $"uuid_kill {uuid}" : $"uuid_kill {uuid} {cause}", cancellationToken);
    }

    /// <summary>
    /// <c>uuid_transfer &lt;uuid&gt; &lt;destination&gt; [&lt;dialplan&gt; [&lt;context&gt;]]</c>; CGRateS sends the
    /// short form to unpark and <c>... XML &lt;context&gt;</c> for the empty-balance context.
    /// </summary>
    public Task<string> UuidTransferAsync(string uuid, string destination, string? dialplan = null, string? context = null,
        CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(uuid, nameof(uuid));
        EslCommandText.RequireToken(destination, nameof(destination));
        var command = new StringBuilder("uuid_transfer ").Append(uuid).Append(' ').Append(destination);
        if (dialplan is not null)
        {
            EslCommandText.RequireToken(dialplan, nameof(dialplan));
            command.Append(' ').Append(dialplan);
        }
        if (context is not null)
        {
            if (dialplan is null)
            {
                throw new ArgumentException("A context needs a dialplan before it.", nameof(context));
            }
            EslCommandText.RequireToken(context, nameof(context));
            command.Append(' ').Append(context);
        }
        return ApiAsync(command.ToString(), cancellationToken);
    }

    /// <summary><c>uuid_broadcast &lt;uuid&gt; &lt;application&gt; &lt;leg&gt;</c>, e.g. <c>playback!manager_request::file.wav aleg</c>.</summary>
    public Task<string> UuidBroadcastAsync(string uuid, string application, string leg = "aleg",
        CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(uuid, nameof(uuid));
        EslCommandText.RequireCommand(application, nameof(application));
        EslCommandText.RequireToken(leg, nameof(leg));
        return ApiAsync($"uuid_broadcast {uuid} {application} {leg}", cancellationToken);
    }

    /// <summary>
    /// The active channels, as CGRateS reads them for session sync: <c>show channels</c> (or <c>... as delim X</c> for a
    /// delimiter other than a comma) parsed by <see cref="EslShowChannels.Parse"/>.
    /// </summary>
    public async Task<IReadOnlyList<EslChannelInfo>> ShowChannelsAsync(string delimiter = ",", CancellationToken cancellationToken = default)
    {
        var output = await ApiAsync(EslShowChannels.Command(delimiter), cancellationToken).ConfigureAwait(false);
        return EslShowChannels.Parse(output, delimiter);
    }

    /// <summary><c>sendmsg &lt;uuid&gt;</c> with the given <c>Name: value</c> lines.</summary>
    public Task SendMessageAsync(string uuid, IEnumerable<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(uuid, nameof(uuid));
        ArgumentNullException.ThrowIfNull(headers);
        var command = new StringBuilder("sendmsg ").Append(uuid);
        foreach (var (name, value) in headers)
        {
            EslCommandText.RequireToken(name, nameof(headers));
            EslCommandText.RequireLine(value, nameof(headers));
            command.Append('\n').Append(name).Append(": ").Append(value);
        }
        return ExpectOkAsync(command.ToString(), cancellationToken);
    }

    /// <summary>Hangs a call up the way CGRateS disconnects a session: <c>sendmsg</c> with <c>call-command: hangup</c>.</summary>
    public Task HangupAsync(string uuid, string cause = "MANAGER_REQUEST", CancellationToken cancellationToken = default)
    {
        EslCommandText.RequireToken(cause, nameof(cause));
        return SendMessageAsync(uuid,
            [new("call-command", "hangup"), new("hangup-cause", cause)],
            cancellationToken);
    }

    private async Task ExpectOkAsync(string command, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(command + "\n\n", FirstLine(command), null, cancellationToken).ConfigureAwait(false);
        if (reply.IsError)
        {
            throw new EslCommandException(command, reply.ReplyText ?? reply.BodyText.TrimEnd());
        }
    }

    private void ForgetJob(string jobUuid)
    {
        lock (_gate)
        {
            _jobs.Remove(jobUuid);
        }
    }
}
