using Obol.Cdrs;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.CdrServer;

public sealed partial class CdrService
{
    private const string FlagRefund = "*refund";

    /// <summary>
    /// The part of processEvents that moves money, run under the runs' key locks: the duplicate check, the refunds of
    /// every run, the rating of every run, then the stores (all refunds come first, as in CGRateS, so a re-rated
    /// batch is charged in its own order against the balances as they were before it). Null or the error to answer.
    /// </summary>
    private async ValueTask<string?> ChargeAndStoreAsync(List<CdrRun> runs, CdrFlags flags, bool describe, CancellationToken cancellationToken)
    {
        if (!flags.Reprocess && !flags.Rerate && flags.Store)
        {
            foreach (var run in runs)
            {
                // Only a run that may move money is looked for first; any other duplicate is refused by the store's
                // unique key with the same EXISTS, nothing having moved meanwhile. SessionS's CDRs, whose cost comes
                // with them, are stored without the read.
                if (MayMoveMoney(run, flags) && await store.CountAsync(KeyQuery(run.Cdr), cancellationToken).ConfigureAwait(false) > 0)
                {
                    return ErrorCodes.Exists;
                }
            }
        }
        // From here money moves: a call cancelled half-way would leave a refund without its new charge, or a charge
        // without its record, so the rest runs to the end whatever the caller does.
        var uncancelled = CancellationToken.None;
        if (flags.Refund)
        {
            if (!await RefundAsync(runs, uncancelled).ConfigureAwait(false))
            {
                return ErrorCodes.PartiallyExecuted;
            }
        }
        else if (flags.Rerate)
        {
            // *rerate with *refund:false: charged again on top of what was charged before, as asked.
            runs.ForEach(r => r.Cdr.CostDetails = null);
        }
        if (flags.Rals && _rater is not null)
        {
            foreach (var run in runs)
            {
                run.Outcome = await _rater.RateAsync(run.Cdr, run.Refunded, uncancelled, run.Refunded ? null : run.ParsedCost).ConfigureAwait(false);
                if (describe && run.Outcome != RateOutcome.Left)
                {
                    run.Rated = RatedFields(run.Cdr);
                }
            }
        }
        return flags.Store ? await StoreAsync(runs, flags, uncancelled).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Gives back each run's previous cost. What was charged is the stored CDR's CostDetails, under its request type
    /// and ToR, read under the lock so that two re-ratings never refund the same cost twice; CGRateS prefers the
    /// event's CostDetails, which a caller may send stale. Only a run never stored refunds the event's own. False when
    /// a run has neither (CGRateS cannot retrieve the previously stored CDR and stops before refunding anything).
    /// </summary>
    private async ValueTask<bool> RefundAsync(List<CdrRun> runs, CancellationToken cancellationToken)
    {
        var charged = new List<Cdr>(runs.Count);
        foreach (var run in runs)
        {
            var stored = await store.GetAsync(KeyQuery(run.Cdr), cancellationToken).ConfigureAwait(false);
            if (stored.Count > 0)
            {
                run.Cdr.CostDetails = stored[0].CostDetails;
                charged.Add(stored[0]);
            }
            else if (run.Event.Event.ContainsKey(CdrFields.CostDetails))
            {
                charged.Add(run.Cdr);
            }
            else
            {
                warn($"<CDRs> could not retrieve previously stored CDR, error: <{ErrorCodes.NotFound}>");
                return false;
            }
        }
        for (var i = 0; i < runs.Count; i++)
        {
            var (run, paid) = (runs[i], charged[i]);
            var (refunded, error) = _rater is null
                ? (false, ErrorCodes.NotConnectedTo("RALs"))
                : await _rater.RefundAsync(paid.CostDetails, paid.RequestType, paid.ToR, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                // The cost stays on the CDR: rating keeps it rather than charging a second time.
                warn($"<CDRs> error: <{error}> refunding CDR {run.Key}");
            }
            else if (refunded)
            {
                run.Cdr.CostDetails = null;
                run.Refunded = true;
            }
        }
        return true;
    }

    /// <summary>
    /// Stores the runs, updating in place (OrderID kept) when re-rating or reprocessing. A run refused or failing gives
    /// back what this call charged for it and for the runs after it, none of which will be stored; the runs stored
    /// before it keep their charge with their record.
    /// </summary>
    private async ValueTask<string?> StoreAsync(List<CdrRun> runs, CdrFlags flags, CancellationToken cancellationToken)
    {
        for (var i = 0; i < runs.Count; i++)
        {
            CdrWriteResult written;
            try
            {
                written = await store.PutAsync(runs[i].Cdr, allowUpdate: flags.Rerate || flags.Reprocess, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await RefundChargedAsync(runs, i).ConfigureAwait(false);
                throw;
            }
            if (written.Error is { } error)
            {
                await RefundChargedAsync(runs, i).ConfigureAwait(false);
                return error;
            }
            runs[i].Cdr.OrderId = written.OrderId;
            if (written.IsStored && runs[i].Cdr.CostSource == CdrRater.CostSourceSessions)
            {
                _options.SessionCosts?.CdrStored(runs[i].Cdr.Cgrid, runs[i].Cdr.RunId);
            }
        }
        return null;
    }

    private async ValueTask RefundChargedAsync(List<CdrRun> runs, int from)
    {
        for (var i = from; i < runs.Count; i++)
        {
            var cdr = runs[i].Cdr;
            if (runs[i].Outcome != RateOutcome.Charged || _rater is null)
            {
                continue;
            }
            // Not cancellable: the money was taken for a CDR that will not be kept.
            var (_, error) = await _rater.RefundAsync(cdr.CostDetails, cdr.RequestType, cdr.ToR, CancellationToken.None).ConfigureAwait(false);
            if (error is not null)
            {
                warn($"<CDRs> error: <{error}> refunding CDR {runs[i].Key}");
            }
        }
    }

    private bool MayMoveMoney(CdrRun run, CdrFlags flags)
    {
        if (flags.Refund)
        {
            return true;
        }
        if (!flags.Rals || _rater is null)
        {
            return false;
        }
        var may = _rater.MayMoveMoney(run.Cdr, out var parsed);
        run.ParsedCost = parsed;
        return may;
    }

    private static CdrQuery KeyQuery(Cdr cdr) => new() { Cgrids = [cdr.Cgrid], RunIds = [cdr.RunId] };

    /// <summary>CDR.AsMapStringIface of the rated CDR as it stood before storing, CostDetails as the EventCost's JSON.</summary>
    private static Dictionary<string, object?> RatedFields(Cdr cdr)
    {
        var fields = cdr.ToEventFields();
        if (cdr.CostDetails is { } details)
        {
            fields[CdrFields.CostDetails] = new RawJson(System.Text.Encoding.UTF8.GetBytes(details));
        }
        return fields;
    }

    /// <summary>One run of an event on its way through CDRs.</summary>
    private sealed class CdrRun(CgrEvent ev, Cdr cdr)
    {
        public CgrEvent Event { get; } = ev;

        public Cdr Cdr { get; } = cdr;

        public string Key { get; } = cdr.Cgrid + ":" + cdr.RunId;

        public bool Refunded { get; set; }

        /// <summary>The CostDetails as read by the duplicate check, while they are still the run's own.</summary>
        public StoredEventCost? ParsedCost { get; set; }

        public RateOutcome Outcome { get; set; }

        /// <summary>The rated CDR's fields, kept only when the call asked for them.</summary>
        public Dictionary<string, object?>? Rated { get; set; }

        public CdrEventWithFlags Describe() => new(Refunded ? [FlagRefund] : [], Rated ?? Event.Event);
    }
}
