using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>
/// The active-session backup: a session's start, each of its debits and each run's final cost are documents written
/// with the account changes they explain, so after a crash the restored sessions hold exactly what was taken.
/// The engine implements it over its document store; serialisation is the implementation's.
/// </summary>
public interface ISessionJournal
{
    JournalWrite Started(Session session);

    /// <summary>The debit's document, with any shared document it refers to that is not yet written (a rate interval).</summary>
    IReadOnlyList<JournalWrite> Debited(Session session, int runIndex, int sequence, CallCost cost);

    /// <summary>The run's final cost (CGRateS's session cost, what CDRs use when the session's own CDR is lost), and the
    /// EventCost's JSON as CDRs carry it in CostDetails, which the run's CDR reuses (<see cref="SessionRun.SettledCostJson"/>;
    /// null to have it written again).</summary>
    (JournalWrite Write, string? CostJson) Settled(Session session, int runIndex, EventCost cost);

    /// <summary>Removes the session and its debits (the final costs stay).</summary>
    IReadOnlyList<JournalWrite> Forget(Session session);

    Task WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken);
}

/// <summary>A run as the backup holds it: its event, when its charging started, its debits in order, and whether its
/// final cost was already settled.</summary>
public sealed record RestoredRun(string RunId, CgrEvent Event, Instant TimeStart, IReadOnlyList<CallCost> Debits, bool Settled);

/// <summary>A session as the backup holds it.</summary>
public sealed record RestoredSession(string CgrId, CgrEvent StartEvent, Usage? DebitInterval, IReadOnlyList<RestoredRun> Runs);
