namespace Obol.Evapi;

/// <summary>
/// Bytes from the evapi socket that break the protocol: a malformed netstring frame, or a payload that is not the
/// JSON shape Kamailio sends. The message names the problem.
/// </summary>
public sealed class EvapiProtocolException : Exception
{
    public EvapiProtocolException()
    {
    }

    public EvapiProtocolException(string message) : base(message)
    {
    }

    public EvapiProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
