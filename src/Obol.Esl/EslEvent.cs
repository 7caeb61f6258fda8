using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Obol.Esl;

/// <summary>
/// A FreeSWITCH event received as <c>text/event-plain</c>: header values URL-decoded, names kept exactly as FreeSWITCH
/// sends them (ordinal lookups), and the optional body that follows the event's own <c>Content-Length</c> (e.g. the
/// result of a <c>BACKGROUND_JOB</c>).
/// </summary>
public sealed class EslEvent
{
    /// <summary>Prefix FreeSWITCH gives channel variables in events.</summary>
    public const string VariablePrefix = "variable_";

    private readonly Dictionary<string, string> _headers;
    private Dictionary<string, string>? _variables;

    internal EslEvent(Dictionary<string, string> headers, string body)
    {
        _headers = headers;
        Body = body;
    }

    /// <summary>All headers, decoded, by exact name (the event's own <c>Content-Length</c> included when it had a body).</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary><c>Event-Name</c>, e.g. <c>CHANNEL_PARK</c>; empty when absent.</summary>
    public string EventName => this["Event-Name"] ?? "";

    /// <summary><c>Event-Subclass</c> of a <c>CUSTOM</c> event, e.g. <c>sofia::register</c>.</summary>
    public string? EventSubclass => this["Event-Subclass"];

    /// <summary><c>Unique-ID</c>: the channel UUID.</summary>
    public string? UniqueId => this["Unique-ID"];

    /// <summary><c>Job-UUID</c> of a <c>BACKGROUND_JOB</c>.</summary>
    public string? JobUuid => this["Job-UUID"];

    /// <summary>The event body (after the event's <c>Content-Length</c>); empty when the event has none.</summary>
    public string Body { get; }

    /// <summary>
    /// The channel variables: every <c>variable_*</c> header with the prefix removed
    /// (<c>variable_cgr_reqtype</c> is <c>Variables["cgr_reqtype"]</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables => _variables ?? CollectVariables();

    /// <summary>The decoded header value, or null when the event has no such header.</summary>
    public string? this[string name] => _headers.GetValueOrDefault(name);

    public bool TryGet(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    /// <summary>The channel variable <paramref name="name"/> (without the <c>variable_</c> prefix), or null.</summary>
    public string? GetVariable(string name) => Variables.GetValueOrDefault(name);

    /// <summary>Parses a plain event body: URL-encoded <c>Name: value</c> lines, an empty line, then the optional body.</summary>
    /// <exception cref="EslProtocolException">A header line has no <c>':'</c> or the event's Content-Length is wrong.</exception>
    public static EslEvent Parse(ReadOnlySpan<byte> plainEvent)
    {
        // One header per line; sizing up front avoids rehashing the 100-300 headers of a channel event.
        var headerEnd = plainEvent.IndexOf("\n\n"u8);
        var lineCount = (headerEnd < 0 ? plainEvent : plainEvent[..headerEnd]).Count((byte)'\n') + 1;
        var headers = new Dictionary<string, string>(lineCount, StringComparer.Ordinal);
        var consumed = HeaderBlock.Parse(plainEvent, headers, urlEncodedValues: true);
        var body = "";
        if (headers.TryGetValue(HeaderBlock.ContentLength, out var lengthText))
        {
            var rest = plainEvent[consumed..];
            var length = HeaderBlock.ParseContentLength(lengthText, EslFrameParser.MaxBodyBytes, "event");
            if (length > rest.Length)
            {
                throw new EslProtocolException(
                    $"Event Content-Length {length} exceeds the {rest.Length} bytes left in the frame.");
            }
            body = Encoding.UTF8.GetString(rest[..length]);
        }
        // Bytes after the header block of an event without Content-Length are ignored, as libesl does.
        return new EslEvent(headers, body);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static EslEvent Parse(ReadOnlySequence<byte> plainEvent) =>
        plainEvent.IsSingleSegment ? Parse(plainEvent.FirstSpan) : Parse(plainEvent.ToArray());

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static EslEvent Parse(string plainEvent) => Parse(Encoding.UTF8.GetBytes(plainEvent));

    private Dictionary<string, string> CollectVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in _headers)
        {
            if (name.StartsWith(VariablePrefix, StringComparison.Ordinal))
            {
                variables[name[VariablePrefix.Length..]] = value;
            }
        }
        // A racing reader may build its own copy; both are equal, so last write wins harmlessly.
        _variables = variables;
        return variables;
    }
}
