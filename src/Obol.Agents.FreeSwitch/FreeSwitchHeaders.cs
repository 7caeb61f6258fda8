namespace Obol.Agents.FreeSwitch;

/// <summary>The event headers and channel variables the agent reads or sets (fsevent.go's names).</summary>
public static class FreeSwitchHeaders
{
    public const string EventName = "Event-Name";
    public const string UniqueId = "Unique-ID";
    public const string CallDestinationNumber = "Caller-Destination-Number";
    public const string SipReqUser = "variable_sip_req_user";
    public const string SetupTime = "Caller-Channel-Created-Time";
    public const string AnswerTime = "Caller-Channel-Answered-Time";
    public const string Billsec = "variable_billsec";
    public const string Username = "Caller-Username";
    public const string FreeSwitchIpv4 = "FreeSWITCH-IPv4";
    public const string HangupCause = "Hangup-Cause";
    public const string PddMediaMs = "variable_progress_mediamsec";
    public const string PddNoMediaMs = "variable_progressmsec";
    public const string CallerDialplan = "Caller-Dialplan";
    public const string ProcessCdr = "variable_process_cdr";
    public const string AnswerEpoch = "variable_answer_epoch";
    public const string CgrSubject = "variable_cgr_subject";
    public const string CgrAccount = "variable_cgr_account";
    public const string CgrDestination = "variable_cgr_destination";
    public const string CgrReqType = "variable_cgr_reqtype";
    public const string CgrCategory = "variable_cgr_category";
    public const string CgrTenant = "variable_cgr_tenant";
    public const string CgrRoute = "variable_cgr_route";
    public const string CgrFlags = "variable_cgr_flags";
    public const string CgrOpts = "variable_cgr_opts";
    public const string CgrDisconnectCause = "variable_cgr_disconnectcause";
    public const string CgrAcd = "variable_cgr_acd";
    public const string CgrOriginHost = "variable_cgr_originhost";

    /// <summary>Event field carrying the connection index, so SessionS's disconnect reaches the right FreeSWITCH.</summary>
    public const string FsConnId = "FsConnID";

    // Channel variables the agent sets.
    public const string VarMaxUsage = "cgr_max_usage";
    public const string VarNotify = "cgr_notify";
    public const string VarResourceAllocation = "cgr_resource_allocation";
    public const string VarRoutes = "cgr_routes";
    public const string VarOriginHost = "cgr_originhost";

    public const string AuthOk = "AUTH_OK";
    public const string InsufficientCredit = "INSUFFICIENT_CREDIT";
}
