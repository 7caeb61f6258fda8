namespace Obol.Api.JsonRpc;

/// <summary>
/// A handler's outcome: a value, or a CGRateS error string sent verbatim as the reply's <c>error</c>. Errors are values
/// here, not exceptions, because NOT_FOUND and friends are ordinary answers on hot paths.
/// </summary>
public readonly struct RpcResult<T>
{
    private readonly T? _value;

    internal RpcResult(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The wire error string, or null on success.</summary>
    public string? Error { get; }

    public bool IsError => Error is not null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"RpcResult holds the error \"{Error}\", not a value");

    public static implicit operator RpcResult<T>(T value) => new(value, null);

    public static implicit operator RpcResult<T>(RpcError error) => new(default, error.Message);

    public override string ToString() => Error ?? $"{_value}";
}

/// <summary>An error string not yet bound to a result type, so <c>return RpcResult.Fail(ErrorCodes.NotFound);</c> fits any handler.</summary>
public readonly record struct RpcError(string Message);

public static class RpcResult
{
    public static RpcResult<T> Ok<T>(T value) => new(value, null);

    /// <summary>An error for any result type, converted implicitly: <c>return RpcResult.Fail(ErrorCodes.NotFound);</c>.</summary>
    public static RpcError Fail(string error) => new(CheckError(error));

    public static RpcResult<T> Fail<T>(string error) => new(default, CheckError(error));

    internal static string CheckError(string error)
    {
        // Go's net/rpc sends an empty error string as a success, so an empty error can never reach a client as one.
        ArgumentException.ThrowIfNullOrEmpty(error);
        return error;
    }
}
