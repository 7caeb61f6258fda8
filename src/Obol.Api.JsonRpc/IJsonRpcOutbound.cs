namespace Obol.Api.JsonRpc;

/// <summary>
/// Bytes waiting for a connection's single writer: a reply (<see cref="JsonRpcCall"/>), or on a BiRPC connection a
/// request of ours. Disposed by the writer once sent or dropped.
/// </summary>
internal interface IJsonRpcOutbound : IDisposable
{
    ReadOnlyMemory<byte> Bytes { get; }
}
