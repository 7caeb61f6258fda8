using Obol.Events;

namespace Obol.Sessions;

/// <summary>The agent side of a session: <c>AgentV1.DisconnectSession</c> asks the switch to hang up a call, and what
/// follows when SessionS ends a call on its own (the CDRs and resource releases of CGRateS's forceSTerminate).</summary>
public interface ISessionDisconnector
{
    /// <summary>Returns null when the agent accepted the request, otherwise the error text.</summary>
    Task<string?> DisconnectAsync(SessionDisconnect request, CancellationToken cancellationToken);

    /// <summary>The session was ended by SessionS (forced disconnect, TTL, channel sync, ForceDisconnect), not by a
    /// TerminateSession: its runs are settled and nobody else will post their CDRs.</summary>
    Task SessionForcedEndAsync(Session session, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>min_dur_low_balance reached: tell the agent (AgentV1.WarnDisconnect) so it can play an announcement.</summary>
    Task WarnLowBalanceAsync(Session session, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// One disconnect request. <see cref="Reason"/> is <c>INSUFFICIENT_CREDIT</c> when the debit loop ran out of credit,
/// <c>SERVER_ERROR</c> (or <c>UNAUTHORIZED_DESTINATION</c>) when the debit failed, as sessions.go debitLoopSession.
/// <see cref="Event"/> is the session's start event with Usage set to what was granted so far.
/// </summary>
public sealed record SessionDisconnect(string CgrId, string? ClientId, CgrEvent Event, string Reason);
