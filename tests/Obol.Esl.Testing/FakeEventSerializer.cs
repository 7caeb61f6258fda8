using System.Text;

namespace Obol.Esl.Testing;

/// <summary>Builds <c>text/event-plain</c> frames byte-for-byte as mod_event_socket writes them.</summary>
public static class FakeEventSerializer
{
    /// <summary>
    /// The event body as switch_event_serialize writes it: URL-encoded <c>Name: value</c> lines, then either
    /// <c>Content-Length: N</c>, an empty line and the body, or just an empty line.
    /// </summary>
    public static string SerializeEvent(IEnumerable<KeyValuePair<string, string>> headers, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(EslUrlEncoding.Encode(value)).Append('\n');
        }
        if (string.IsNullOrEmpty(body))
        {
            text.Append('\n');
        }
        else
        {
            text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\n\n").Append(body);
        }
        return text.ToString();
    }

    /// <summary>
    /// Makes a captured plain event (already URL-encoded, as in the capture files) a complete event body: captures
    /// without a body may lack the final empty line.
    /// </summary>
    public static string NormalizeCapture(string plainEvent)
    {
        ArgumentNullException.ThrowIfNull(plainEvent);
        var text = plainEvent.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.Contains("\nContent-Length:", StringComparison.Ordinal) ? text : text.TrimEnd('\n') + "\n\n";
    }

    /// <summary>The outer frame around an event body.</summary>
    public static string Frame(string eventBody) =>
        $"Content-Length: {Encoding.UTF8.GetByteCount(eventBody)}\nContent-Type: {EslContentTypes.EventPlain}\n\n{eventBody}";
}
