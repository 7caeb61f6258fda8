namespace Obol.Api.JsonRpc;

/// <summary>
/// The argument of every <c>*.Ping</c>: a CGREvent in CGRateS, read only so that a non-object argument fails to decode
/// as it does in Go. The fields are ignored.
/// </summary>
public sealed class PingArgs
{
    /// <summary>CGRateS's utils.Pong.</summary>
    public const string Pong = "Pong";

    public string? Tenant { get; init; }

    public string? ID { get; init; }

    public Dictionary<string, object?>? Event { get; init; }

    public Dictionary<string, object?>? APIOpts { get; init; }
}
