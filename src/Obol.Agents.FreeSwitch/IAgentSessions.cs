using Obol.Events;
using Obol.SessionServer;

namespace Obol.Agents.FreeSwitch;

/// <summary>
/// The SessionS calls the agent makes, shaped like <see cref="SessionService"/>'s own methods so the engine can adapt
/// it in a line each, while the agent stays testable without a whole SessionS behind it.
/// </summary>
public interface IAgentSessions
{
    /// <summary>SessionSv1.AuthorizeEvent.</summary>
    Task<(AuthorizeReply? Reply, string? Error)> AuthorizeAsync(AuthorizeArgs args, CancellationToken cancellationToken = default);

    /// <summary>SessionSv1.InitiateSession; <paramref name="clientId"/> names the agent SessionS disconnects through.</summary>
    Task<(AuthorizeReply? Reply, string? Error)> InitiateAsync(InitiateArgs args, string? clientId, CancellationToken cancellationToken = default);

    /// <summary>SessionSv1.TerminateSession; null when it succeeded, else the error.</summary>
    Task<string?> TerminateAsync(TerminateArgs args, string? clientId, CancellationToken cancellationToken = default);

    /// <summary>SessionSv1.ProcessCDR; null when it succeeded, else the error.</summary>
    Task<string?> ProcessCdrAsync(CgrEvent ev, CancellationToken cancellationToken = default);
}
