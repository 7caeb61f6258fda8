namespace Obol.Evapi;

/// <summary>Why an <see cref="EvapiConnection"/> ended.</summary>
public enum EvapiCloseReason
{
    /// <summary>Disposed by its owner.</summary>
    Disposed,

    /// <summary>Kamailio closed the socket between frames (restart, shutdown).</summary>
    RemoteClosed,

    /// <summary>Kamailio sent bytes that are not netstrings, or closed inside a frame.</summary>
    ProtocolError,

    /// <summary>A receive or send failed at the socket.</summary>
    TransportError,

    /// <summary>The message handler threw and no handler-error callback was configured.</summary>
    HandlerFailed,
}

/// <summary>The outcome of an <see cref="EvapiConnection"/>: the reason, and the exception behind it if any.</summary>
public sealed record EvapiCloseInfo(EvapiCloseReason Reason, Exception? Error);
