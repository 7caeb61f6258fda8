namespace Obol.Esl;

/// <summary>
/// The peer sent bytes that are not a valid event-socket frame (bad <c>Content-Length</c>, a header line without
/// <c>':'</c>, an oversized header block, a reply nobody asked for). The connection cannot be resynchronised after
/// this, so <see cref="EslClient"/> drops it.
/// </summary>
public sealed class EslProtocolException : Exception
{
    public EslProtocolException()
    {
    }

    public EslProtocolException(string message)
        : base(message)
    {
    }

    public EslProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
