namespace Obol.Evapi;

/// <summary>Socket and dispatch settings of an <see cref="EvapiConnection"/>.</summary>
public sealed class EvapiConnectionOptions
{
    /// <summary>TCP_NODELAY for our replies, which are written whole and should leave at once.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>Re-arm TCP_QUICKACK after each receive (Linux; see <see cref="TcpQuickAck"/>).</summary>
    public bool QuickAck { get; init; } = true;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Size of the receive buffers the reader rents.</summary>
    public int ReceiveBufferSize { get; init; } = 16 * 1024;

    /// <summary>
    /// Called with an exception that escaped the message handler; reading then goes on with the next message.
    /// Without it such an exception closes the connection (<see cref="EvapiCloseReason.HandlerFailed"/>).
    /// </summary>
    public Action<Exception>? HandlerError { get; init; }
}
