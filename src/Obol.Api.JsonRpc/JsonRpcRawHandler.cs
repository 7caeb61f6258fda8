namespace Obol.Api.JsonRpc;

/// <summary>
/// A raw handler: gets the argument's JSON (the first <c>params</c> element; empty for <c>[]</c>), valid only until the
/// returned task completes, and returns the result as JSON written verbatim (empty means <c>null</c>).
/// </summary>
public delegate ValueTask<RpcResult<ReadOnlyMemory<byte>>> JsonRpcRawHandler(ReadOnlyMemory<byte> argument, CancellationToken cancellationToken);
