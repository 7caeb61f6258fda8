namespace Obol.Dispatchers;

/// <summary>
/// What one host answered: the reply's JSON <see cref="Result"/>, or its <see cref="Error"/>. <see cref="Failover"/>
/// marks the errors that say nothing about the request (the host is down, timed out, or lacks the service), after which
/// the next host is tried, as rpcclient.ShouldFailover decides.
/// </summary>
public readonly record struct DispatchReply(ReadOnlyMemory<byte> Result, string? Error, bool Failover)
{
    /// <summary>rpcclient's PARTIALLY_EXECUTED: a <c>*broadcast_sync</c> that some hosts did and some did not.</summary>
    public const string PartiallyExecuted = "PARTIALLY_EXECUTED";

    /// <summary>rpcclient's DISCONNECTED: no host could be reached.</summary>
    public const string Disconnected = "DISCONNECTED";

    public const string HostNotFound = "DSP_HOST_NOT_FOUND";

    public const string ProfileNotFound = "DSP_PROFILE_NOT_FOUND";

    public static DispatchReply Ok(ReadOnlyMemory<byte> result) => new(result, null, false);

    public static DispatchReply Fail(string error) => new(default, error, false);

    /// <summary>A host that could not be used: tried no further, the next one is.</summary>
    public static DispatchReply Unreachable(string error) => new(default, error, true);

    public bool IsError => Error is not null;
}
