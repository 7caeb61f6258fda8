namespace Obol.Api.JsonRpc;

/// <summary>
/// The other end of a BiRPC connection, as a handler sees its caller (Go's <c>ctx.Client</c>, a
/// <c>birpc.ClientConnector</c>): SessionS keeps it to call the agent back (<c>AgentV1.DisconnectSession</c>,
/// <c>SessionSv1.GetActiveSessionIDs</c> for OpenSIPS). An interface so SessionS tests can fake the agent.
/// </summary>
public interface IBiRpcPeer
{
    /// <summary>The peer's address, for logs.</summary>
    string RemoteAddress { get; }

    /// <summary>Calls a method the peer registered; an error reply throws <see cref="RpcException"/> with the error verbatim,
    /// a lost connection <see cref="IOException"/>.</summary>
    Task<TResult> CallAsync<TArg, TResult>(string serviceMethod, TArg argument, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="argumentJson"/> as the single params element and returns the reply undecoded.</summary>
    Task<JsonRpcReply> CallRawAsync(string serviceMethod, ReadOnlyMemory<byte> argumentJson, CancellationToken cancellationToken = default);
}
