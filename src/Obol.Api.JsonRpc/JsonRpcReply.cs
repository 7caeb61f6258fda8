namespace Obol.Api.JsonRpc;

/// <summary>A reply as <see cref="JsonRpcClient"/> received it: the error string, or the result's raw JSON.</summary>
public sealed record JsonRpcReply(string? Error, ReadOnlyMemory<byte> Result);
