namespace Obol.Api.JsonRpc;

/// <summary>A message built outside the dispatcher (a request we send, an error for an unreadable message).</summary>
internal sealed class JsonRpcOutboundMessage : IJsonRpcOutbound
{
    public PooledBufferWriter Buffer { get; } = new();

    public ReadOnlyMemory<byte> Bytes => Buffer.WrittenMemory;

    public void Dispose() => Buffer.Dispose();
}
