namespace Obol.Esl;

/// <summary>Why an <see cref="EslClient"/> connection ended.</summary>
public sealed class EslDisconnectedEventArgs : EventArgs
{
    public EslDisconnectedEventArgs(Exception? reason) => Reason = reason;

    /// <summary>
    /// Null when the client closed the connection itself; otherwise the cause (<see cref="IOException"/> for a lost
    /// connection, <see cref="EslProtocolException"/> for a malformed frame).
    /// </summary>
    public Exception? Reason { get; }
}
