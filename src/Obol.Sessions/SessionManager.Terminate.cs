using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    /// <summary>CostSource written on the run events (utils.MetaSessionS).</summary>
    public const string CostSourceSessions = "*sessions";

    /// <summary>DisconnectCause written when SessionS ends a call itself (utils.ForcedDisconnect).</summary>
    public const string ForcedDisconnect = "FORCED_DISCONNECT";

    public const string CostDetailsField = "CostDetails";
    public const string CostSourceField = "CostSource";

    /// <summary>
    /// TerminateSession: stops the loops and settles each prepaid run at the exact usage (extra Debit, or RefundIncrements of
    /// the surplus), rounds (RefundRounding), and writes Usage, Cost, CostDetails (the EventCost) and CostSource on the run
    /// events. A CGRID terminated within <see cref="SessionOptions.ClosedSessionTtl"/> answers OK and charges nothing; an
    /// unknown CGRID is charged once as a message (init + debit + terminate, never indexed).
    /// </summary>
    public async Task<string?> TerminateAsync(SessionEvent request, CancellationToken cancellationToken = default) =>
        (await TerminateReportingStageAsync(request, cancellationToken).ConfigureAwait(false)).Error;

    /// <summary>
    /// As <see cref="TerminateAsync"/>, telling whether the error came from charging an unknown CGRID as a message
    /// (updateSession's error, which CGRateS answers as it is, where the other failures are RALs errors).
    /// </summary>
    public async Task<(string? Error, bool WhileCharging)> TerminateReportingStageAsync(SessionEvent request,
        CancellationToken cancellationToken = default)
    {
        if (IsClosed(request.CgrId))
        {
            return (null, false);
        }
        if (!_active.TryGetValue(request.CgrId, out var session))
        {
            return await TerminateMessageAsync(request, cancellationToken).ConfigureAwait(false);
        }
        await StopLoopsAsync(session).ConfigureAwait(false);
        var (_, error) = await EndAsync(session, ExplicitUsage(request), request.LastUsed, null, cancellationToken).ConfigureAwait(false);
        return (error, false);
    }

    private async Task<(string? Error, bool WhileCharging)> TerminateMessageAsync(SessionEvent request, CancellationToken cancellationToken)
    {
        var session = new Session(request.CgrId, NewRuns(request), request);
        var usage = RequestedUsage(request);
        var (_, error) = await UpdateCoreAsync(session, usage, null, null, cancellationToken).ConfigureAwait(false);
        return error is not null
            ? (error, true)
            : ((await EndAsync(session, usage, null, null, cancellationToken).ConfigureAwait(false)).Error, false);
    }

    /// <summary>
    /// chargeEvent (ProcessMessage with Debit): debits the requested usage on prepaid runs at once and settles the
    /// message at the granted usage; never indexed as an active session. Answers the least usage granted.
    /// </summary>
    public async Task<(Usage MaxUsage, string? Error)> ChargeAsync(SessionEvent request, CancellationToken cancellationToken = default)
    {
        var session = new Session(request.CgrId, NewRuns(request), request);
        var (maxUsage, error) = await UpdateCoreAsync(session, RequestedUsage(request), null, null, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            await EndAsync(session, Usage.Zero, null, null, cancellationToken).ConfigureAwait(false);
            return (Usage.Zero, error);
        }
        var (_, endError) = await EndAsync(session, maxUsage, null, null, cancellationToken).ConfigureAwait(false);
        return (maxUsage, endError);
    }

    /// <summary>endSession, exactly once per session: the first caller settles it, later ones answer OK.</summary>
    private async Task<(bool Ended, string? Error)> EndAsync(Session session, Usage? usage, Usage? lastUsed, string? disconnectCause,
        CancellationToken cancellationToken)
    {
        await session.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.IsClosed)
            {
                return (false, null);
            }
            session.IsClosed = true;
            session.TtlTimer?.Dispose();
            // Under the session's lock: a tick waiting for it must not be awaited here; it will find the session closed.
            _ = StopLoopsAsync(session);
            string? firstError = null;
            var lastToSettle = session.Runs.LastOrDefault(r => r.IsPrepaid && !r.IsSettled);
            foreach (var run in session.Runs)
            {
                var error = await EndRunAsync(session, run, usage, lastUsed, ReferenceEquals(run, lastToSettle) && firstError is null, cancellationToken)
                    .ConfigureAwait(false);
                firstError ??= error;
                if (disconnectCause is not null)
                {
                    run.SetField(EventFields.DisconnectCause, disconnectCause);
                }
            }
            if (journal is not null && session.IsJournaled && session.StartWritten && !session.Forgotten && firstError is null)
            {
                await journal.WriteAsync(journal.Forget(session), CancellationToken.None).ConfigureAwait(false);
            }
            ForgetExpiredClosed();
            var expires = time.GetUtcNow() + _options.ClosedSessionTtl;
            _closed[session.CgrId] = (session, expires);
            _closedOrder.Enqueue((session.CgrId, expires));
            _active.TryRemove(new KeyValuePair<string, Session>(session.CgrId, session));
            return (true, firstError);
        }
        finally
        {
            session.Lock.Release();
        }
    }

    private void ForgetExpiredClosed()
    {
        var now = time.GetUtcNow();
        while (_closedOrder.TryPeek(out var oldest) && oldest.Expires <= now && _closedOrder.TryDequeue(out oldest))
        {
            // A CGRID closed again later has a later expiry in the map: only the entry this one recorded goes.
            if (_closed.TryGetValue(oldest.CgrId, out var entry) && entry.Expires <= now)
            {
                _closed.TryRemove(new KeyValuePair<string, (Session?, DateTimeOffset)>(oldest.CgrId, entry));
            }
        }
    }

    // last: the session's last settlement, which also removes the session from the journal in the same write.
    private async Task<string?> EndRunAsync(Session session, SessionRun run, Usage? usage, Usage? lastUsed, bool last, CancellationToken cancellationToken)
    {
        var total = usage ?? (lastUsed is { } used ? run.TotalUsage - run.LastUsage + used : run.TotalUsage);
        run.TotalUsage = total;
        run.SetField(EventFields.Usage, total);
        if (!run.IsPrepaid)
        {
            return null;
        }
        if (run.IsSettled)
        {
            return null;
        }
        var charged = run.CallCost?.RatedUsage ?? Usage.Zero;
        var notCharged = total - charged;
        if (notCharged > Usage.Zero && CanSettleWithDebit(run))
        {
            return await DebitMissingAndSettleAsync(session, run, charged, notCharged, last, cancellationToken).ConfigureAwait(false);
        }
        if (notCharged > Usage.Zero)
        {
            var error = await DebitMissingAsync(session, run, charged, notCharged, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
        }
        List<Increment> surplus = [];
        if (notCharged < Usage.Zero && run.CallCost is { } cost)
        {
            surplus = CallCostOperations.Trim(cost, total);
        }
        if (run.CallCost is not { } final)
        {
            return null;
        }
        var rounding = CallCostOperations.Round(final);
        var journaling = journal is not null && session.IsJournaled;
        EventCost? eventCost = null;
        string? settledJson = null;
        var forgotten = false;
        IReadOnlyList<JournalWrite> Settle(AccountSummary? settledAccount)
        {
            // refundSession and roundCost: the summary becomes the account as the refunds left it.
            final.AccountSummary = settledAccount?.WithInitialValuesOf(final.AccountSummary) ?? final.AccountSummary;
            eventCost = EventCostBuilder.FromCallCost(final, session.CgrId, run.RunId, _options.RoundingDecimals);
            return journaling ? SettledWrites(session, run, eventCost, last, out settledJson, out forgotten) : [];
        }
        if ((surplus.Count > 0 || rounding.Count > 0 || journaling)
            && await rater.SettleAsync(run.Call.Clone(), surplus, rounding, Settle, cancellationToken).ConfigureAwait(false) is { } settleError)
        {
            return settleError;
        }
        if (eventCost is null)
        {
            Settle(null);
        }
        session.Forgotten |= forgotten;
        Settled(run, final, eventCost!, settledJson);
        return null;
    }

    /// <summary>The run's settled cost for the journal; the last settlement also removes the session from it.</summary>
    private List<JournalWrite> SettledWrites(Session session, SessionRun run, EventCost eventCost, bool last, out string? settledJson,
        out bool forgotten)
    {
        (var settled, settledJson) = journal!.Settled(session, run.Index, eventCost);
        List<JournalWrite> writes = [settled];
        forgotten = last && session.StartWritten;
        if (forgotten)
        {
            writes.AddRange(journal.Forget(session));
        }
        return writes;
    }

    private static void Settled(SessionRun run, CallCost final, EventCost eventCost, string? settledJson)
    {
        run.IsSettled = true;
        run.EventCost = eventCost;
        run.SettledCostJson = settledJson;
        run.SetField(EventFields.Cost, final.Cost);
        run.SetField(CostDetailsField, eventCost);
        run.SetField(CostSourceField, CostSourceSessions);
    }

    /// <summary>
    /// The run's last stretch debited and the run settled in one change of the account (one write instead of two). Only
    /// for a run charged so far from its own account alone, since the settlement's rounding may fall on any balance that
    /// paid a span and the debit holds only the call's account and its group; other runs debit and settle in turn.
    /// </summary>
    private static bool CanSettleWithDebit(SessionRun run) =>
        run.CallCost is { } cost && cost.Timespans.Count > 0 && AccountIdsPaying(cost).All(id => id == run.Call.AccountKey);

    private static IEnumerable<string> AccountIdsPaying(CallCost cost) =>
        cost.Timespans.SelectMany(s => s.RoundIncrement is { } round ? [.. s.Increments, round] : s.Increments)
            .Select(i => i.BalanceInfo?.AccountId).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!);

    private async Task<string?> DebitMissingAndSettleAsync(Session session, SessionRun run, Usage charged, Usage missing, bool last,
        CancellationToken cancellationToken)
    {
        var cd = MissingStretch(run, charged, missing);
        var (log, journaled) = JournalFor(session, run);
        EventCost? eventCost = null;
        string? settledJson = null;
        var forgotten = false;
        AccountSummary? earlier = null;
        var (cost, error) = await rater.DebitAndSettleAsync(cd, cost =>
        {
            earlier = run.CallCost?.AccountSummary;
            AddCost(run, cost);
            return CallCostOperations.Round(run.CallCost!);
        }, cost =>
        {
            var final = run.CallCost!;
            final.AccountSummary = cost.AccountSummary?.WithInitialValuesOf(earlier) ?? earlier;
            eventCost = EventCostBuilder.FromCallCost(final, session.CgrId, run.RunId, _options.RoundingDecimals);
            if (log is null)
            {
                return [];
            }
            // The last settlement removes the session from the journal in this same write, so the debit's own
            // document (and a start not yet written) would only be deleted as it is written.
            List<JournalWrite> writes = last ? [] : [.. log(cost)];
            writes.AddRange(SettledWrites(session, run, eventCost, last, out var json, out forgotten));
            settledJson = json;
            return writes;
        }, cancellationToken).ConfigureAwait(false);
        if (journaled())
        {
            run.DebitCount++;
        }
        if (error is not null || cost is null || eventCost is null)
        {
            return error ?? ErrorCodes.ServerError;
        }
        session.Forgotten |= forgotten;
        Settled(run, run.CallCost!, eventCost, settledJson);
        return null;
    }

    /// <summary>The usage past what the debits covered is charged with a plain Debit (it may go negative).</summary>
    private async Task<string?> DebitMissingAsync(Session session, SessionRun run, Usage charged, Usage missing, CancellationToken cancellationToken)
    {
        var cd = MissingStretch(run, charged, missing);
        var (log, journaled) = JournalFor(session, run);
        var (cost, error) = await rater.DebitAsync(cd, log, cancellationToken).ConfigureAwait(false);
        if (journaled())
        {
            run.DebitCount++;
        }
        if (error is not null || cost is null)
        {
            return error ?? ErrorCodes.ServerError;
        }
        AddCost(run, cost);
        return null;
    }

    /// <summary>The descriptor of the usage past what the debits covered.</summary>
    private static CallDescriptor MissingStretch(SessionRun run, Usage charged, Usage missing)
    {
        var cd = run.Call.Clone();
        cd.TimeStart = (run.CallCost?.EndTime) ?? (run.Call.TimeStart + Duration.FromNanoseconds(charged.Nanoseconds));
        cd.TimeEnd = cd.TimeStart + Duration.FromNanoseconds(missing.Nanoseconds);
        cd.DurationIndex += missing;
        return cd;
    }
}
