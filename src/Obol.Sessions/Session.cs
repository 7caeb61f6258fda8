using Obol.Events;

namespace Obol.Sessions;

/// <summary>An active call, keyed by CGRID, with one <see cref="SessionRun"/> per charger run.</summary>
public sealed class Session
{
    internal Session(string cgrId, IReadOnlyList<SessionRun> runs, SessionEvent request)
    {
        CgrId = cgrId;
        Runs = runs;
        ClientId = request.ClientId;
        Start = request.StartEvent is { } start ? FrozenCgrEvent.From(start, runs.Count > 0 ? runs[0].StartedEvent : null)
            : runs.Count > 0 ? runs[0].StartedEvent : FrozenCgrEvent.From(new CgrEvent());
        DebitInterval = request.DebitInterval;
    }

    public string CgrId { get; }

    public IReadOnlyList<SessionRun> Runs { get; }

    /// <summary>The connection of the agent that started the call (CGRateS ClientConnID); null for API clients.</summary>
    public string? ClientId { get; }

    /// <summary>The event as the agent sent it, before ChargerS (CGRateS EventStart and OptsStart); read-only, with
    /// <see cref="FrozenCgrEvent.ToCgrEvent"/> for a writable copy.</summary>
    public FrozenCgrEvent Start { get; }

    /// <summary>The debit interval the session runs with; null = the configured one.</summary>
    public Primitives.Usage? DebitInterval { get; }

    /// <summary>True when the session's start is in the journal, so its debits are journaled too (messages never are).</summary>
    public bool IsJournaled { get; internal set; }

    /// <summary>True once the start document is in the journal: it goes with the first debit, so a prepaid call costs no
    /// extra write; sessions without prepaid runs write it at once.</summary>
    internal bool StartWritten { get; set; }

    /// <summary>Set when the last settlement carried the journal's clean-up, so no separate write is needed.</summary>
    internal bool Forgotten { get; set; }

    /// <summary>True once terminated (by the caller or forced); later debits and terminates are no-ops.</summary>
    public bool IsClosed { get; internal set; }

    /// <summary>When the session became active (or was restored).</summary>
    public DateTimeOffset StartedAt { get; internal init; }

    /// <summary>When the last request for this session arrived (CGRateS UpdatedAt), for TTL and listings.</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }

    internal SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The debit loops of the prepaid runs; null without any.</summary>
    internal DebitLoop[]? Loops { get; set; }

    internal ITimer? TtlTimer { get; set; }

    /// <summary>When <paramref name="run"/>'s debit loop debits next (CGRateS's NextAutoDebit); null without a loop.</summary>
    public DateTimeOffset? NextAutoDebit(SessionRun run) => Loops is { } loops ? Array.Find(loops, l => l.Run == run)?.NextDue : null;

    /// <summary>The usage granted so far on the first run (sess.totalUsage()).</summary>
    public Primitives.Usage TotalUsage => Runs.Count > 0 ? Runs[0].TotalUsage : Primitives.Usage.Zero;
}
