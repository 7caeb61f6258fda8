namespace Obol.SessionServer;

/// <summary>
/// The agents connected over BiRPC, as SessionS calls them back: <c>AgentV1.DisconnectSession</c>,
/// <c>AgentV1.GetActiveSessionIDs</c>, <c>AgentV1.WarnDisconnect</c> and <c>AgentV1.AlterSession</c> (the older OpenSIPS names by protocol).
/// </summary>
public interface ISessionClients
{
    /// <summary>The connected clients' ids, a snapshot.</summary>
    IReadOnlyCollection<string> ClientIds { get; }

    /// <summary>Calls the client's DisconnectSession with the session's start event; null when it accepted (or does not
    /// implement it), else the error. An unknown client is an error.</summary>
    Task<string?> DisconnectAsync(string clientId, DisconnectRequest request, CancellationToken cancellationToken);

    /// <summary>AgentV1.WarnDisconnect with the session's start event; null when delivered (or not implemented).</summary>
    Task<string?> WarnDisconnectAsync(string clientId, Events.CgrEvent startEvent, CancellationToken cancellationToken);

    /// <summary>AgentV1.AlterSession with the session's altered event; null when delivered (or not implemented, as by
    /// every agent but CGRateS's Diameter one).</summary>
    Task<string?> AlterSessionAsync(string clientId, Events.CgrEvent ev, CancellationToken cancellationToken);

    /// <summary>The client's live calls as (OriginHost, OriginID); null when it did not answer in time or failed.</summary>
    Task<IReadOnlyList<(string OriginHost, string OriginId)>?> GetActiveSessionIdsAsync(string clientId, CancellationToken cancellationToken);
}

/// <summary>What a DisconnectSession call carries: the session's start event (with Usage and DisconnectCause set) and
/// the reason, which protocol 1.0 clients (OpenSIPS) get as <c>{EventStart, Reason}</c>.</summary>
public sealed record DisconnectRequest(Events.CgrEvent Event, string Reason);

/// <summary>What CGRateS answers for a call back to an agent it has no bidirectional connection to.</summary>
public static class AgentCalls
{
    public static string NotConnected(string method, string? clientId) =>
        $"calling {method} requires bidirectional JSON connection, connID: <{clientId}>";
}
