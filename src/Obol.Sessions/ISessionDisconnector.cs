using Obol.Events;

namespace Obol.Sessions;

/// <summary>The agent side of <c>AgentV1.DisconnectSession</c>: asks the switch to hang up a call.</summary>
public interface ISessionDisconnector
{
    /// <summary>Returns null when the agent accepted the request, otherwise the error text.</summary>
    Task<string?> DisconnectAsync(SessionDisconnect request, CancellationToken cancellationToken);
}

/// <summary>
/// One disconnect request. <see cref="Reason"/> is <c>INSUFFICIENT_CREDIT</c> when the debit loop ran out of credit,
/// <c>SERVER_ERROR</c> (or <c>UNAUTHORIZED_DESTINATION</c>) when the debit failed, as sessions.go debitLoopSession.
/// </summary>
public sealed record SessionDisconnect(string CgrId, CgrEvent Event, string Reason);
