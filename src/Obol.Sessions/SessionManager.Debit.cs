using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// sessions.go debitSession for one prepaid run: serve from reserve, else MaxDebit the rest; the granted part becomes
    /// LastUsage, any over-debit becomes ExtraDuration. Caller holds the session lock.
    /// </summary>
    private async Task<(Usage Granted, string? Error)> DebitRunAsync(Session session, SessionRun run, Usage usage, Usage? lastUsed,
        CancellationToken cancellationToken)
    {
        var rest = DebitReserve(run, usage, lastUsed);
        if (rest == Usage.Zero)
        {
            return (usage, null);
        }
        var fromReserve = usage - rest;
        var cd = run.Call;
        if (cd.LoopIndex > 0)
        {
            cd.TimeStart = cd.TimeEnd;
        }
        cd.TimeEnd = cd.TimeStart + Duration.FromNanoseconds(rest.Nanoseconds);
        cd.DurationIndex += rest;
        var (log, journaled) = JournalFor(session, run);
        var (cost, error) = await WithDynaprepaidAccountAsync(run, () => rater.MaxDebitAsync(cd.Clone(), log, cancellationToken), r => r.Error,
            cancellationToken).ConfigureAwait(false);
        if (journaled())
        {
            run.DebitCount++;
        }
        if (error is not null || cost is null)
        {
            cd.DurationIndex -= rest;
            run.ExtraDuration += fromReserve;
            return (Usage.Zero, error ?? ErrorCodes.ServerError);
        }
        var charged = cost.RatedUsage;
        cd.TimeEnd = cost.EndTime ?? cd.TimeStart;
        if (charged > rest)
        {
            run.ExtraDuration = charged - rest;
        }
        run.LastUsage = charged >= rest ? usage : charged + fromReserve;
        cd.DurationIndex = cd.DurationIndex - rest + charged;
        cd.MaxCostSoFar += cost.Cost;
        cd.LoopIndex++;
        run.TotalUsage += run.LastUsage;
        AddCost(run, cost);
        return (run.LastUsage, null);
    }

    /// <summary>The journal entry of the run's next debit, and whether the rater wrote it (it does only when it saved).</summary>
    private (Func<CallCost, IReadOnlyList<JournalWrite>>? Log, Func<bool> Written) JournalFor(Session session, SessionRun run)
    {
        if (journal is null || !session.IsJournaled)
        {
            return (null, static () => false);
        }
        var written = false;
        var sequence = run.DebitCount;
        var withStart = !session.StartWritten;
        return (cost =>
        {
            written = true;
            var debited = journal.Debited(session, run.Index, sequence, cost);
            return withStart ? [journal.Started(session), .. debited] : debited;
        }, () =>
        {
            session.StartWritten |= written;
            return written;
        });
    }

    private static void AddCost(SessionRun run, CallCost cost)
    {
        if (run.CallCost is null)
        {
            if (cost.Timespans.Count > 0)
            {
                run.CallCost = cost;
            }
            return;
        }
        CallCostOperations.Merge(run.CallCost, cost);
    }

    /// <summary>SRun.debitReserve: applies LastUsed, then takes <paramref name="usage"/> from the reserve; returns what is left to debit.</summary>
    private static Usage DebitReserve(SessionRun run, Usage usage, Usage? lastUsed)
    {
        if (lastUsed is { } used && used != run.LastUsage)
        {
            run.ExtraDuration += run.LastUsage - used;
            run.TotalUsage = run.TotalUsage - run.LastUsage + used;
            run.LastUsage = used;
        }
        if (run.ExtraDuration >= usage)
        {
            run.ExtraDuration -= usage;
            run.LastUsage = usage;
            run.TotalUsage += usage;
            return Usage.Zero;
        }
        var rest = usage - run.ExtraDuration;
        run.ExtraDuration = Usage.Zero;
        return rest;
    }
}
