using Obol.Events;

namespace Obol.SessionServer;

/// <summary>
/// The SessionS calls a switch agent makes. <see cref="SessionService"/> serves them in process; an agent's tests serve
/// them with a fake, so an agent is testable without a whole SessionS behind it.
/// </summary>
public interface IAgentSessions
{
    /// <summary>SessionSv1.AuthorizeEvent.</summary>
    Task<(AuthorizeReply? Reply, string? Error)> AuthorizeAsync(AuthorizeArgs args, CancellationToken ct = default);

    /// <summary>SessionSv1.InitiateSession; <paramref name="clientId"/> names the agent SessionS disconnects through.</summary>
    Task<(AuthorizeReply? Reply, string? Error)> InitiateAsync(InitiateArgs args, string? clientId, CancellationToken ct = default);

    /// <summary>SessionSv1.TerminateSession; null when it succeeded, else the error.</summary>
    Task<string?> TerminateAsync(TerminateArgs args, string? clientId, CancellationToken ct = default);

    /// <summary>SessionSv1.ProcessMessage.</summary>
    Task<(AuthorizeReply? Reply, string? Error)> ProcessMessageAsync(ProcessMessageArgs args, CancellationToken ct = default);

    /// <summary>SessionSv1.ProcessCDR; null when it succeeded, else the error.</summary>
    Task<string?> ProcessCdrAsync(CgrEvent? ev, CancellationToken ct = default);
}
