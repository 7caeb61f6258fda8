namespace Obol.Api.JsonRpc;

/// <summary>
/// Thrown by a handler to answer with a CGRateS error string, put on the wire verbatim (<c>"error":"NOT_FOUND"</c>).
/// Returning <see cref="RpcResult{T}"/> errors is cheaper on hot paths; this is for deep call stacks. The client throws
/// it too when a reply carries an error.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException()
        : base(Primitives.ErrorCodes.ServerError)
    {
    }

    public RpcException(string error)
        : base(error)
    {
    }

    public RpcException(string error, Exception innerException)
        : base(error, innerException)
    {
    }

    /// <summary>The wire error string, e.g. <c>MANDATORY_IE_MISSING: [Tenant Account]</c>.</summary>
    public string Error => Message;
}
