namespace Obol.Evapi;

/// <summary>
/// Field names in the JSON Kamailio sends. CGRateS maps nothing by name: every field except the reserved ones and
/// the API options goes into the CGR event under its own name, so the cfg templates already use CGRateS names
/// (<c>OriginID</c>, <c>Account</c>, <c>SetupTime</c>...).
/// </summary>
public static class KamFields
{
    /// <summary>The event name (reserved).</summary>
    public const string Event = "event";

    /// <summary>tm transaction index, echoed as <c>TransactionIndex</c> so the cfg can t_continue() (reserved).</summary>
    public const string TrIndex = "tr_index";

    /// <summary>tm transaction label, echoed as <c>TransactionLabel</c> (reserved).</summary>
    public const string TrLabel = "tr_label";

    /// <summary>Subsystem flags separated by ';' (reserved).</summary>
    public const string CgrFlags = "cgr_flags";

    /// <summary>The route the reply is named after (reserved).</summary>
    public const string ReplyRoute = "reply_route";

    /// <summary>Dialog hash entry; kept in the event because SessionS hands it back for disconnects.</summary>
    public const string HashEntry = "h_entry";

    /// <summary>Dialog hash id; kept in the event for disconnects.</summary>
    public const string HashId = "h_id";

    /// <summary>The dialog-list body in <see cref="KamEventNames.DlgListReply"/>.</summary>
    public const string JsonRplBody = "jsonrpl_body";

    /// <summary>Added to the event by the agent (the index of the evapi connection), not sent by Kamailio.</summary>
    public const string EvapiConnId = "EvapiConnID";

    /// <summary>Sent by the simpleauth template; not reserved, so it reaches the event as is.</summary>
    public const string CgrContext = "cgr_context";

    public const string OriginId = "OriginID";
    public const string OriginHost = "OriginHost";
    public const string Source = "Source";
    public const string RequestType = "RequestType";
    public const string Tenant = "Tenant";
    public const string Account = "Account";
    public const string Subject = "Subject";
    public const string Destination = "Destination";
    public const string SetupTime = "SetupTime";
    public const string AnswerTime = "AnswerTime";

    /// <summary>Whole seconds from Kamailio; CGRateS appends "s" so the value reads as a Go duration.</summary>
    public const string Usage = "Usage";

    /// <summary>Set by the tutorial cfg from the auth reply's attributes; "&lt;null&gt;" when unset.</summary>
    public const string PaypalAccount = "PaypalAccount";
}
