using Obol.Primitives;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Brings back the sessions the journal held at startup: each run's debits merged as they were taken, its usage
    /// granted up to what was charged, prepaid debit loops started again from now. A session whose every run was
    /// settled before the crash is only forgotten (its final costs stay for CDRs). Returns how many became active.
    /// </summary>
    public async Task<int> RestoreAsync(IEnumerable<RestoredSession> sessions, CancellationToken cancellationToken = default)
    {
        var restored = 0;
        foreach (var stored in sessions)
        {
            var request = new SessionEvent(stored.CgrId, [.. stored.Runs.Select(r => new SessionRunEvent(r.RunId, r.Event))])
            {
                DebitInterval = stored.DebitInterval,
                StartEvent = stored.StartEvent,
            };
            var runs = new List<SessionRun>(stored.Runs.Count);
            for (var i = 0; i < stored.Runs.Count; i++)
            {
                runs.Add(RestoredRun(i, stored.Runs[i]));
            }
            var session = new Session(stored.CgrId, runs, request) { IsJournaled = true, StartWritten = true, StartedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
            if (runs.All(r => r.IsSettled || !r.IsPrepaid) && stored.Runs.Any(r => r.Settled))
            {
                if (journal is not null)
                {
                    await journal.WriteAsync(journal.Forget(session), cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (!_active.TryAdd(stored.CgrId, session))
            {
                continue;
            }
            restored++;
            ArmTtl(session);
            var interval = stored.DebitInterval ?? _options.DebitInterval;
            if (interval > Usage.Zero && runs.Any(r => r.IsPrepaid && !r.IsSettled))
            {
                StartLoops(session, interval);
            }
        }
        return restored;
    }

    private static SessionRun RestoredRun(int index, RestoredRun stored)
    {
        var call = RunCallDescriptor.From(stored.Event, stored.TimeStart);
        call.TimeStart = stored.TimeStart;
        call.TimeEnd = stored.TimeStart;
        var run = new SessionRun(index, stored.RunId, Events.FrozenCgrEvent.From(stored.Event), stored.Event.FieldAsString(Events.EventFields.RequestType) ?? "", call)
        {
            DebitCount = stored.Debits.Count,
            IsSettled = stored.Settled,
        };
        foreach (var debit in stored.Debits)
        {
            if (run.CallCost is null)
            {
                run.CallCost = debit;
            }
            else
            {
                CallCostOperations.Merge(run.CallCost, debit);
            }
            call.MaxCostSoFar += debit.Cost;
            call.LoopIndex++;
        }
        if (run.CallCost is { } cost)
        {
            var charged = cost.RatedUsage;
            call.TimeEnd = cost.EndTime ?? call.TimeStart;
            call.TimeStart = cost.Timespans.Count > 0 ? cost.Timespans[^1].TimeStart : call.TimeStart;
            call.DurationIndex = charged;
            run.TotalUsage = charged;
            run.LastUsage = Usage.Zero;
        }
        return run;
    }
}
