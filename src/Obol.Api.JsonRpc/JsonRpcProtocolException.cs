using System.Diagnostics.CodeAnalysis;

namespace Obol.Api.JsonRpc;

/// <summary>Why a JSON-RPC stream was rejected. Each one ends the connection, as Go's codec error ends ServeCodec.</summary>
public enum JsonRpcRejectReason
{
    /// <summary>The bytes are not JSON (Go: <c>rpc: server cannot decode request: invalid character …</c>).</summary>
    InvalidJson,

    /// <summary>One request is larger than <see cref="JsonRpcServerOptions.MaxRequestBytes"/>; Go has no limit.</summary>
    RequestTooLarge,

    /// <summary>Valid JSON that is not a request object, or whose <c>method</c> is not a string.</summary>
    InvalidEnvelope,
}

/// <summary>A protocol violation: the connection is closed after the replies already due are written.</summary>
public sealed class JsonRpcProtocolException : Exception
{
    public JsonRpcProtocolException()
    {
    }

    public JsonRpcProtocolException(string message)
        : base(message)
    {
    }

    public JsonRpcProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JsonRpcProtocolException(JsonRpcRejectReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public JsonRpcRejectReason Reason { get; }

    [DoesNotReturn]
    internal static void Throw(JsonRpcRejectReason reason, string message, Exception? innerException = null) =>
        throw new JsonRpcProtocolException(reason, message, innerException);
}
