using Obol.Events;
using Obol.Primitives;

namespace Obol.Sessions;

/// <summary>The event of one charger run (ChargerS forks the request before SessionS sees it here).</summary>
public sealed record SessionRunEvent(string RunId, CgrEvent Event);

/// <summary>
/// A SessionSv1 request reduced to what the core needs. <see cref="Usage"/> null = take the event's Usage field, else
/// <see cref="SessionOptions.DefaultUsage"/>. <see cref="DebitInterval"/> null = the configured one (<c>*sessionsDebitInterval</c>).
/// </summary>
public sealed record SessionEvent(string CgrId, IReadOnlyList<SessionRunEvent> Runs)
{
    public Usage? Usage { get; init; }

    /// <summary>Update/Terminate: corrects the last granted usage (CGRateS LastUsed).</summary>
    public Usage? LastUsed { get; init; }

    public Usage? DebitInterval { get; init; }

    /// <summary>The agent connection the request came on; disconnects go back to it.</summary>
    public string? ClientId { get; init; }

    /// <summary>The request's event before ChargerS forked it; null = the first run's event.</summary>
    public CgrEvent? StartEvent { get; init; }
}
