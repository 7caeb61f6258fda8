using System.Buffers;

namespace Obol.Evapi;

/// <summary>
/// CGRateS dispatches evapi payloads by a regular expression per event name over the raw bytes, not by the
/// <c>event</c> key (kamagent.go). This reproduces that: it tells which handlers a payload reaches without parsing it,
/// and routes CGR_DLG_LIST_REPLY (whose nested body <see cref="KamEvent"/> cannot hold) to the dialog-list parser.
/// </summary>
public static class KamEventMatcher
{
    public static KamEventKinds Match(ReadOnlySpan<byte> payload)
    {
        var kinds = KamEventKinds.None;
        if (payload.IndexOf("CGR_AUTH_REQUEST"u8) >= 0)
        {
            kinds |= KamEventKinds.AuthRequest;
        }
        if (payload.IndexOf("CGR_CALL_START"u8) >= 0)
        {
            kinds |= KamEventKinds.CallStart;
        }
        if (payload.IndexOf("CGR_CALL_END"u8) >= 0)
        {
            kinds |= KamEventKinds.CallEnd;
        }
        if (payload.IndexOf("CGR_DLG_LIST"u8) >= 0)
        {
            kinds |= KamEventKinds.DlgList;
        }
        if (payload.IndexOf("CGR_PROCESS_MESSAGE"u8) >= 0)
        {
            kinds |= KamEventKinds.ProcessMessage;
        }
        if (payload.IndexOf("CGR_PROCESS_CDR"u8) >= 0)
        {
            kinds |= KamEventKinds.ProcessCdr;
        }
        return kinds;
    }

    /// <inheritdoc cref="Match(ReadOnlySpan{byte})"/>
    public static KamEventKinds Match(in ReadOnlySequence<byte> payload) =>
        payload.IsSingleSegment ? Match(payload.FirstSpan) : Match(payload.ToArray());
}
