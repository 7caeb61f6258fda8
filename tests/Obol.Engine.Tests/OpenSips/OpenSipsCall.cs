using System.Globalization;
using System.Text.Json;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// One INVITE and the dialog it creates, as the cgrates module sees them: the script's <c>$cgr</c>/<c>$cgr_opt</c>,
/// <c>cgrates_auth</c>, <c>cgrates_acc</c> (InitiateSession on the 2xx, TerminateSession and ProcessCDR when the
/// dialog ends) and <c>cgrates_cmd</c>, each request carrying the fields cgrates_auth.c/cgrates_acc.c add. Times are
/// the module's <c>time(NULL)</c>: whole unix seconds, sent as strings.
/// </summary>
internal sealed class OpenSipsCall
{
    private readonly OpenSipsModuleClient _module;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ending;
    private bool _doCdr;
    private long _startTime;
    private long _answerTime;

    internal OpenSipsCall(OpenSipsModuleClient module, string caller, string callee, string callId, int dialogEntry, int dialogId)
    {
        _module = module;
        Caller = caller;
        Callee = callee;
        CallId = callId;
        DialogEntry = dialogEntry;
        DialogId = dialogId;
    }

    /// <summary>$fU.</summary>
    public string Caller { get; }

    /// <summary>$rU.</summary>
    public string Callee { get; }

    /// <summary>$ci, the module's OriginID.</summary>
    public string CallId { get; }

    /// <summary>The dialog's h_entry, sent as DialogEntry.</summary>
    public int DialogEntry { get; }

    /// <summary>The dialog's h_id, sent as DialogID.</summary>
    public int DialogId { get; }

    /// <summary>$cgr(name): the event's fields set by the script.</summary>
    public OrderedFields Cgr { get; } = new();

    /// <summary>$cgr_opt(name): the request's options set by the script.</summary>
    public OrderedFields CgrOpt { get; } = new();

    /// <summary>What the module reports in GetActiveSessionIDs: $cgr(OriginHost) when it is a string.</summary>
    public string OriginHost => Cgr["OriginHost"] as string ?? "";

    /// <summary>InitiateSession succeeded: the module lists the session and will terminate it.</summary>
    public bool Engaged { get; private set; }

    /// <summary>Answered and not yet ended.</summary>
    public bool IsUp => _answerTime != 0 && Volatile.Read(ref _ending) == 0;

    /// <summary>The dialog lifetime InitiateSession's MaxUsage set, in seconds; null when unlimited.</summary>
    public long? Lifetime { get; private set; }

    public ModuleReply? Initiate { get; private set; }

    public ModuleReply? Terminate { get; private set; }

    public ModuleReply? Cdr { get; private set; }

    /// <summary>Completes with the dialog's terminate reason once its TerminateSession and CDR have been answered.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>cgrates_auth("$fU", "$rU"): SessionSv1.AuthorizeEventWithDigest, GetMaxUsage forced on.</summary>
    public async Task<CgrReturn> AuthorizeAsync()
    {
        var fields = new OrderedFields();
        if (!Cgr.Has("OriginID"))
        {
            fields["OriginID"] = CallId;
        }
        fields["Account"] = Caller;
        fields["SetupTime"] = Now().ToString(CultureInfo.InvariantCulture);
        fields["Destination"] = Callee;
        var reply = await _module.SendAsync("SessionSv1.AuthorizeEventWithDigest", CgrOpt, new() { ["GetMaxUsage"] = true }, Cgr, fields);
        return CgrReturn.FromAuthorize(reply);
    }

    /// <summary>cgrates_cmd(method): the script's $cgr_opt and $cgr only; the reply's fields become $cgr_ret.</summary>
    public async Task<CgrReturn> CommandAsync(string method) =>
        CgrReturn.FromCommand(await _module.SendAsync(method, CgrOpt, new(), Cgr, new()));

    /// <summary>cgrates_acc(flags, "$fU", "$rU") on the INVITE: the session is engaged when the call is answered.</summary>
    public void Account(string flags)
    {
        _doCdr = flags.Split('|').Contains("cdr");
        _startTime = Now();
    }

    /// <summary>The 2xx: SessionSv1.InitiateSession (cgr_tmcb_func); a refusal ends the dialog at once.</summary>
    public async Task<ModuleReply> AnswerAsync()
    {
        _answerTime = Now();
        var fields = new OrderedFields();
        if (!Cgr.Has("OriginID"))
        {
            fields["OriginID"] = CallId;
        }
        if (!Cgr.Has("DialogID"))
        {
            fields["DialogID"] = DialogId;
        }
        if (!Cgr.Has("DialogEntry"))
        {
            fields["DialogEntry"] = DialogEntry;
        }
        fields["Account"] = Caller;
        fields["SetupTime"] = _startTime.ToString(CultureInfo.InvariantCulture);
        fields["AnswerTime"] = _answerTime.ToString(CultureInfo.InvariantCulture);
        fields["Destination"] = Callee;
        Initiate = await _module.SendAsync("SessionSv1.InitiateSession", CgrOpt, new() { ["InitSession"] = true }, Cgr, fields);
        Engaged = true;
        if (InitiateAccepted(Initiate) < 0)
        {
            await EndAsync("CGRateS Accounting Denied", _answerTime);
        }
        return Initiate;
    }

    /// <summary>A BYE after <paramref name="talked"/> of conversation (the module's clock is not waited for).</summary>
    public Task HangUpAsync(TimeSpan talked, string reason = "Upstream BYE") => EndAsync(reason, _answerTime + (long)talked.TotalSeconds);

    /// <summary>The dialog ends: TerminateSession with the talked Usage, then (flag cdr) ProcessCDR (cgr_dlg_callback).</summary>
    internal async Task EndAsync(string reason, long endTime)
    {
        if (Interlocked.Exchange(ref _ending, 1) != 0)
        {
            return;
        }
        try
        {
            var usage = $"{endTime - _answerTime}s";
            if (Engaged)
            {
                var fields = new OrderedFields();
                if (!Cgr.Has("OriginID"))
                {
                    fields["OriginID"] = CallId;
                }
                fields["Account"] = Caller;
                if (_answerTime != _startTime)
                {
                    fields["SetupTime"] = _startTime.ToString(CultureInfo.InvariantCulture);
                }
                fields["AnswerTime"] = _answerTime.ToString(CultureInfo.InvariantCulture);
                fields["Usage"] = usage;
                Terminate = await _module.SendAsync("SessionSv1.TerminateSession", CgrOpt, new() { ["TerminateSession"] = true }, Cgr, fields);
                if (_doCdr)
                {
                    Cdr = await _module.SendAsync("SessionSv1.ProcessCDR", CgrOpt, new(), Cgr, CdrFields(usage, reason));
                }
            }
            _ended.TrySetResult(reason);
        }
        catch (Exception e)
        {
            _ended.TrySetException(e);
        }
        finally
        {
            _module.Forget(this);
        }
    }

    // cgr_get_cdr_acc_msg.
    private OrderedFields CdrFields(string usage, string reason)
    {
        var fields = new OrderedFields { ["OriginID"] = CallId, ["Account"] = Caller, ["Destination"] = Callee, ["Usage"] = usage };
        if (_answerTime != 0)
        {
            fields["AnswerTime"] = _answerTime.ToString(CultureInfo.InvariantCulture);
        }
        if (_startTime != 0 && _startTime != _answerTime)
        {
            fields["SetupTime"] = _startTime.ToString(CultureInfo.InvariantCulture);
        }
        fields["DisconnectCause"] = reason;
        return fields;
    }

    // cgr_proc_start_acc_reply: an error or a MaxUsage that is not a json-c int refuses the call; no MaxUsage or -1 is
    // unlimited; otherwise the nanoseconds become the dialog's lifetime.
    private int InitiateAccepted(ModuleReply reply)
    {
        if (reply.Error is not null || reply.Result is not { ValueKind: JsonValueKind.Object } result)
        {
            return -1;
        }
        if (!result.TryGetProperty("MaxUsage", out var maxUsage))
        {
            return 1;
        }
        if (!JsonC.IsInt(maxUsage))
        {
            return -4;
        }
        var nanoseconds = maxUsage.GetInt64();
        if (nanoseconds == 0)
        {
            return -1;
        }
        Lifetime = nanoseconds == -1 ? null : nanoseconds / 1_000_000_000;
        return 1;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
