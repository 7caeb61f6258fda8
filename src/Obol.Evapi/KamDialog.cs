namespace Obol.Evapi;

/// <summary>
/// One entry of the dialog list (kamDlgInfo): dlg.briefing gives h_entry, h_id, call-id (and from_tag with "F"),
/// dlg.list gives call-id, caller.tag and the dialog variables.
/// </summary>
public sealed record KamDialog
{
    public string CallId { get; init; } = "";

    /// <summary>caller.tag from dlg.list; null when the entry has no caller object.</summary>
    public string? CallerTag { get; init; }

    /// <summary>from_tag from dlg.briefing.</summary>
    public string FromTag { get; init; } = "";

    /// <summary>Not read by CGRateS; kept because dlg.briefing "c" sends them (as numbers).</summary>
    public long? HashEntry { get; init; }

    public long? HashId { get; init; }

    /// <summary>The last non-empty cgrOriginID dialog variable, if any.</summary>
    public string? CgrOriginId { get; init; }

    /// <summary>The last non-empty cgrOriginHost dialog variable, if any.</summary>
    public string? CgrOriginHost { get; init; }

    /// <summary>
    /// kamDlgInfo.sessionID: OriginID is call-id, plus ";" and the caller tag (caller.tag when a caller object is
    /// present, else from_tag) when that is non-empty; dialog variables cgrOriginID/cgrOriginHost override both.
    /// </summary>
    public KamSessionId ToSessionId(string defaultOriginHost)
    {
        var tag = CallerTag ?? FromTag;
        var originId = tag.Length > 0 ? CallId + ";" + tag : CallId;
        return new KamSessionId(
            string.IsNullOrEmpty(CgrOriginHost) ? defaultOriginHost : CgrOriginHost,
            string.IsNullOrEmpty(CgrOriginId) ? originId : CgrOriginId);
    }
}
