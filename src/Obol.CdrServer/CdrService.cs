using NodaTime;
using Obol.Attributes;
using Obol.Cdrs;
using Obol.Chargers;
using Obol.Events;
using Obol.Exporters;
using Obol.Primitives;
using Obol.Rals;
using Obol.Stats;
using Obol.Thresholds;

namespace Obol.CdrServer;

/// <summary>
/// CDRs (engine/cdrs.go processEvents): AttributeS, ChargerS runs, refunds, rating through RALs, storage, exporters,
/// ThresholdS and StatS, each as the flags say. A CGRID+RunID already stored is <c>EXISTS</c> and is neither charged
/// nor stored again (unless reprocessing): the check, refund, debit and store run under the runs' key locks, so a
/// retried post charges once and a re-rating refunds exactly what the stored CDR was charged.
/// </summary>
public sealed partial class CdrService(
    CdrServerOptions options,
    ICdrStore store,
    RalsService? rals,
    AttributeService? attributes,
    ChargerService? chargers,
    StatService? stats,
    ThresholdService? thresholds,
    ExporterService? exporters,
    IClock clock,
    Action<string> warn)
{
    private readonly CdrRater? _rater = rals is null ? null : new CdrRater(rals, options.RoundingDecimals, options.SessionCosts, warn);
    private readonly CdrKeyLocks _locks = new();

    // Swapped whole by a configuration change (the flags' defaults, online exports); the rating settings are fixed.
    private volatile CdrServerOptions _options = options;

    public CdrServerOptions Options => _options;

    /// <summary>A configuration change: events from now on are processed with <paramref name="next"/>'s defaults and
    /// exports.</summary>
    public void Reconfigure(CdrServerOptions next) => _options = next;

    /// <summary>CDRsV1.ProcessEvent: null or CGRateS's error.</summary>
    public async ValueTask<string?> ProcessEventAsync(CgrEvent ev, CdrFlags flags, CancellationToken cancellationToken) =>
        (await ProcessEventsAsync([ev], flags, describe: false, cancellationToken).ConfigureAwait(false)).Error;

    /// <summary>
    /// processEvents over <paramref name="events"/>: every run is checked, refunded, rated and stored before any is
    /// exported. <paramref name="describe"/> asks for the processed runs (CDRsV2.ProcessEvent's reply).
    /// </summary>
    public async ValueTask<CdrProcessResult> ProcessEventsAsync(IReadOnlyList<CgrEvent> events, CdrFlags flags, bool describe,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var forked = Fork(events, flags, now);
        if (forked is null)
        {
            return CdrProcessResult.Failed(ErrorCodes.PartiallyExecuted);
        }
        var runs = new List<CdrRun>(forked.Count);
        foreach (var run in forked)
        {
            if (!CdrFactory.TryFromEvent(run, _options.CdrDefaults, now, out var cdr, out var fieldError))
            {
                warn($"<CDRs> error: <{fieldError}> converting event {run.Id} to CDR");
                return CdrProcessResult.Failed(ErrorCodes.PartiallyExecuted);
            }
            runs.Add(new CdrRun(run, cdr));
        }
        var held = await _locks.AcquireAsync(runs.Select(r => r.Key), cancellationToken).ConfigureAwait(false);
        string? error;
        await using (held.ConfigureAwait(false))
        {
            error = await ChargeAndStoreAsync(runs, flags, describe, cancellationToken).ConfigureAwait(false);
        }
        if (error is not null)
        {
            return CdrProcessResult.Failed(error);
        }
        var failed = false;
        foreach (var run in runs)
        {
            failed |= !await FanOutAsync(run.Cdr, flags, now, cancellationToken).ConfigureAwait(false);
        }
        return new CdrProcessResult(failed ? ErrorCodes.PartiallyExecuted : null, describe ? [.. runs.Select(r => r.Describe())] : []);
    }

    /// <summary>
    /// CDRsV1.RateCDRs (V1RateCDRs): the stored CDRs the filter selects, their cost cleared, through processEvents
    /// with the default flags, then <paramref name="apiOpts"/> and <paramref name="flags"/>, and RALs on. With
    /// <c>*rerate</c> each run's stored cost is refunded before it is charged again and the CDR is updated in place
    /// (OrderID kept); without it (or <c>*reprocess</c>) a stored CDR is <c>EXISTS</c>. Null, <c>NOT_FOUND</c> when
    /// nothing matches, the options' error, else <c>SERVER_ERROR: ...</c>.
    /// </summary>
    public ValueTask<string?> RateCdrsAsync(CdrQuery query, IReadOnlyList<string>? flags, IReadOnlyDictionary<string, object?>? apiOpts,
        CancellationToken cancellationToken) =>
        StoredAgainAsync(query, _options.Defaults, flags, apiOpts, f => f with { Rals = true }, clearCost: true, cancellationToken);

    /// <summary>
    /// CDRsV1.ReprocessCDRs (V1ReprocessCDRs): the stored CDRs the filter selects through processEvents again, as they
    /// are (cost kept), with only <paramref name="flags"/> and <paramref name="apiOpts"/> (newCDRProcessingArgsNoCfg:
    /// the cdrs section's defaults do not apply) and reprocessing on, so <c>*store</c> writes each over itself.
    /// </summary>
    public ValueTask<string?> ReprocessCdrsAsync(CdrQuery query, IReadOnlyList<string>? flags, IReadOnlyDictionary<string, object?>? apiOpts,
        CancellationToken cancellationToken) =>
        StoredAgainAsync(query, new CdrFlags(), flags, apiOpts, f => f with { Reprocess = true }, clearCost: false, cancellationToken);

    /// <summary>APIerSv1.RemoveCDRs: deletes every CDR the filter selects (none is no error).</summary>
    public ValueTask<long> RemoveCdrsAsync(CdrQuery query, CancellationToken cancellationToken) => store.RemoveAsync(query, cancellationToken);

    private async ValueTask<string?> StoredAgainAsync(CdrQuery query, CdrFlags defaults, IReadOnlyList<string>? flags,
        IReadOnlyDictionary<string, object?>? apiOpts, Func<CdrFlags, CdrFlags> forced, bool clearCost, CancellationToken cancellationToken)
    {
        var found = await store.GetAsync(query, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return ErrorCodes.NotFound;
        }
        if (!defaults.TryWith(flags, apiOpts, out var processing, out var flagsError))
        {
            return flagsError;
        }
        var events = new List<CgrEvent>(found.Count);
        foreach (var cdr in found)
        {
            if (clearCost)
            {
                cdr.Cost = Cdr.Unrated;
            }
            var ev = cdr.ToCgrEvent();
            ev.ApiOpts = apiOpts is null
                ? new Dictionary<string, object?>(StringComparer.Ordinal)
                : new Dictionary<string, object?>(apiOpts, StringComparer.Ordinal);
            events.Add(ev);
        }
        var result = await ProcessEventsAsync(events, forced(processing), describe: false, cancellationToken).ConfigureAwait(false);
        return result.Error is { } error ? ErrorCodes.ServerErrorWith(error) : null;
    }

    /// <summary>CDRsV1.GetCDRs / APIerSv2.GetCDRs.</summary>
    public ValueTask<IReadOnlyList<Cdr>> GetCdrsAsync(CdrQuery query, CancellationToken cancellationToken) => store.GetAsync(query, cancellationToken);

    public ValueTask<long> CountCdrsAsync(CdrQuery query, CancellationToken cancellationToken) => store.CountAsync(query, cancellationToken);

    /// <summary>AttributeS then ChargerS over every event; null when either failed (PARTIALLY_EXECUTED).</summary>
    private List<CgrEvent>? Fork(IReadOnlyList<CgrEvent> events, CdrFlags flags, Instant now)
    {
        var runs = new List<CgrEvent>(events.Count);
        foreach (var original in events)
        {
            var ev = original;
            if (flags.Attributes && attributes is not null)
            {
                ev.ApiOpts.TryAdd(EventOptions.Context, "*cdrs");
                var altered = attributes.ProcessEvent(ev, now);
                if (altered.Error is { } error && error != ErrorCodes.NotFound)
                {
                    warn($"<CDRs> error: <{error}> processing event {ev.Id} with AttributeS");
                    return null;
                }
                ev = altered.Event ?? ev;
            }
            if (flags.Chargers && chargers is not null)
            {
                var charged = chargers.ProcessEvent(ev, now);
                if (charged.Error is { } error)
                {
                    warn($"<CDRs> error: <{error}> processing event {ev.Id} with ChargerS");
                    return null;
                }
                runs.AddRange(charged.Runs.Select(r => r.CgrEvent));
            }
            else
            {
                runs.Add(ev);
            }
        }
        return runs;
    }

    /// <summary>Exporters, ThresholdS and StatS get the rated CDR; false when one of them failed.</summary>
    private async ValueTask<bool> FanOutAsync(Cdr cdr, CdrFlags flags, Instant now, CancellationToken cancellationToken)
    {
        var ok = true;
        // CDR.AsCGREvent per consumer, as CGRateS does; the fields, with the decoded CostDetails (which CGRateS shares
        // by pointer too), are built once, for the first consumer, and each consumer gets a map of its own. Exporters
        // get the CostDetails decoded; ThresholdS and StatS get them decoded when a filter first reads them.
        Dictionary<string, object?>? fields = null;
        if (flags.Export && exporters is not null)
        {
            var reply = await exporters.ProcessEventAsync(EventOf(cdr, fields = cdr.ToEventFields()),
                _options.OnlineExports.Count > 0 ? _options.OnlineExports : null, cancellationToken).ConfigureAwait(false);
            ok &= reply.Error is null or ErrorCodes.NotFound;
        }
        if (flags.Thresholds && thresholds is not null)
        {
            var (_, error) = await thresholds.ProcessEventAsync(EventOf(cdr, fields ??= cdr.ToEventFields(decodeWhenRead: true)), now, cancellationToken).ConfigureAwait(false);
            ok &= error is null or ErrorCodes.NotFound;
        }
        if (flags.Stats && stats is not null)
        {
            var (_, error) = await stats.ProcessEventAsync(EventOf(cdr, fields ??= cdr.ToEventFields(decodeWhenRead: true)), now, cancellationToken).ConfigureAwait(false);
            ok &= error is null or ErrorCodes.NotFound;
        }
        return ok;
    }

    private static CgrEvent EventOf(Cdr cdr, Dictionary<string, object?> fields) =>
        new() { Tenant = cdr.Tenant, Id = Cgrid.NewEventId(), Event = new Dictionary<string, object?>(fields, StringComparer.Ordinal) };
}
