using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Obol.Esl;

/// <summary>
/// One message from mod_event_socket: the outer header block (never URL-encoded) and the <c>Content-Length</c> bytes
/// that follow it. For <c>text/event-plain</c> the body is itself an event; see <see cref="EslEvent.Parse(ReadOnlySpan{byte})"/>.
/// </summary>
public sealed class EslFrame
{
    private readonly Dictionary<string, string> _headers;
    private string? _bodyText;

    internal EslFrame(Dictionary<string, string> headers, ReadOnlyMemory<byte> body)
    {
        _headers = headers;
        Body = body;
    }

    /// <summary>Outer headers by exact (ordinal, case-sensitive) name.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>The <c>Content-Type</c> header, e.g. <see cref="EslContentTypes.CommandReply"/>; null when absent.</summary>
    public string? ContentType => this["Content-Type"];

    /// <summary>The <c>Reply-Text</c> of a <c>command/reply</c>, e.g. <c>+OK accepted</c> or <c>-ERR invalid</c>.</summary>
    public string? ReplyText => this["Reply-Text"];

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body read as UTF-8 (the output of an <c>api</c> command for <c>api/response</c>).</summary>
    public string BodyText => _bodyText ??= Body.IsEmpty ? "" : Encoding.UTF8.GetString(Body.Span);

    /// <summary>
    /// True when FreeSWITCH reported a failure: a <c>command/reply</c> whose Reply-Text, or an <c>api/response</c> whose
    /// body, starts with <c>-ERR</c> or <c>-USAGE</c>.
    /// </summary>
    public bool IsError => ContentType == EslContentTypes.ApiResponse ? IsErrorText(BodyText) : IsErrorText(ReplyText);

    /// <summary>The header value, or null when the frame has no such header.</summary>
    public string? this[string name] => _headers.GetValueOrDefault(name);

    public bool TryGet(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    internal static bool IsErrorText(string? text) =>
        text is not null && (text.StartsWith("-ERR", StringComparison.Ordinal) || text.StartsWith("-USAGE", StringComparison.Ordinal));
}
