namespace Obol.Evapi;

/// <summary>
/// Event names on the evapi socket (agents/kamevent.go and the tutorial kamailio-cgrates.cfg). Kamailio sends them
/// in the lower-case <c>event</c> key; the engine sends its own in the capitalised <c>Event</c> key, whose value the
/// cfg runs as a route name.
/// </summary>
public static class KamEventNames
{
    /// <summary>Kamailio → engine: authorize an INVITE (or, with simpleauth, fetch a password).</summary>
    public const string AuthRequest = "CGR_AUTH_REQUEST";

    /// <summary>Engine → Kamailio: the auth reply's name when the request had no <c>reply_route</c>.</summary>
    public const string AuthReply = "CGR_AUTH_REPLY";

    /// <summary>Engine → Kamailio: end a dialog (cfg runs <c>dlg.end_dlg</c>).</summary>
    public const string SessionDisconnect = "CGR_SESSION_DISCONNECT";

    /// <summary>Kamailio → engine: dialog confirmed (dialog:start).</summary>
    public const string CallStart = "CGR_CALL_START";

    /// <summary>Kamailio → engine: dialog ended (dialog:end).</summary>
    public const string CallEnd = "CGR_CALL_END";

    /// <summary>Kamailio → engine: SessionSv1.ProcessMessage; also the default name of its reply.</summary>
    public const string ProcessMessage = "CGR_PROCESS_MESSAGE";

    /// <summary>Kamailio → engine: SessionSv1.ProcessCDR; also the default name of its reply.</summary>
    public const string ProcessCdr = "CGR_PROCESS_CDR";

    /// <summary>Engine → Kamailio: ask for the active dialogs (channel sync).</summary>
    public const string DlgList = "CGR_DLG_LIST";

    /// <summary>Kamailio → engine: the answer to <see cref="DlgList"/>, carrying the dlg.briefing/dlg.list result.</summary>
    public const string DlgListReply = "CGR_DLG_LIST_REPLY";

    /// <summary>The <c>reply_route</c> the tutorial cfg puts in INVITE auth requests.</summary>
    public const string SessionAuthReplyRoute = "CGR_SESSIONAUTH_REPLY";

    /// <summary>The <c>reply_route</c> the tutorial cfg puts in REGISTER (simpleauth) auth requests.</summary>
    public const string SimpleAuthReplyRoute = "CGR_SIMPLEAUTH_REPLY";
}
