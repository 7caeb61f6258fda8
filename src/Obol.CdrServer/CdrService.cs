using System.Collections.Concurrent;
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
/// CDRs (engine/cdrs.go processEvents): AttributeS, ChargerS runs, rating through RALs, storage, exporters, ThresholdS
/// and StatS, each as the flags say. A CGRID+RunID already stored is <c>EXISTS</c> and is neither charged nor stored
/// again (unless re-rating): the check and the debit run under that key's lock, so a retried post charges once.
/// </summary>
public sealed class CdrService(
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
    private readonly CdrRater? _rater = rals is null ? null : new CdrRater(rals, options.RoundingDecimals, options.SessionCosts);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _keys = new(StringComparer.Ordinal);

    public CdrServerOptions Options => options;

    /// <summary>CDRsV1.ProcessEvent: null or CGRateS's error.</summary>
    public async ValueTask<string?> ProcessEventAsync(CgrEvent ev, CdrFlags flags, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (flags.Attributes && attributes is not null)
        {
            ev.ApiOpts.TryAdd(EventOptions.Context, "*cdrs");
            var altered = attributes.ProcessEvent(ev, now);
            if (altered.Error is { } error && error != ErrorCodes.NotFound)
            {
                warn($"<CDRs> error: <{error}> processing event {ev.Id} with AttributeS");
                return ErrorCodes.PartiallyExecuted;
            }
            ev = altered.Event ?? ev;
        }
        IReadOnlyList<CgrEvent> runs = [ev];
        if (flags.Chargers && chargers is not null)
        {
            var forked = chargers.ProcessEvent(ev, now);
            if (forked.Error is { } error)
            {
                warn($"<CDRs> error: <{error}> processing event {ev.Id} with ChargerS");
                return ErrorCodes.PartiallyExecuted;
            }
            runs = [.. forked.Runs.Select(r => r.CgrEvent)];
        }
        var cdrs = new List<Cdr>(runs.Count);
        foreach (var run in runs)
        {
            if (!CdrFactory.TryFromEvent(run, options.CdrDefaults, now, out var cdr, out var fieldError))
            {
                warn($"<CDRs> error: <{fieldError}> converting event {run.Id} to CDR");
                return ErrorCodes.PartiallyExecuted;
            }
            cdrs.Add(cdr);
        }
        var failed = false;
        foreach (var cdr in cdrs)
        {
            var outcome = await ChargeAndStoreAsync(cdr, flags, cancellationToken).ConfigureAwait(false);
            if (outcome == ErrorCodes.Exists)
            {
                return ErrorCodes.Exists;
            }
            failed |= outcome is not null;
            failed |= !await FanOutAsync(cdr, flags, now, cancellationToken).ConfigureAwait(false);
        }
        return failed ? ErrorCodes.PartiallyExecuted : null;
    }

    /// <summary>CDRsV1.GetCDRs / APIerSv2.GetCDRs.</summary>
    public ValueTask<IReadOnlyList<Cdr>> GetCdrsAsync(CdrQuery query, CancellationToken cancellationToken) => store.GetAsync(query, cancellationToken);

    public ValueTask<long> CountCdrsAsync(CdrQuery query, CancellationToken cancellationToken) => store.CountAsync(query, cancellationToken);

    private async ValueTask<string?> ChargeAndStoreAsync(Cdr cdr, CdrFlags flags, CancellationToken cancellationToken)
    {
        var key = cdr.Cgrid + ":" + cdr.RunId;
        var gate = _keys.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!flags.Reprocess && !flags.Rerate && flags.Store
                && await store.CountAsync(new CdrQuery { Cgrids = [cdr.Cgrid], RunIds = [cdr.RunId] }, cancellationToken).ConfigureAwait(false) > 0)
            {
                return ErrorCodes.Exists;
            }
            if (flags.Rals && _rater is not null)
            {
                if (flags.Rerate)
                {
                    cdr.CostDetails = null;
                    cdr.Cost = Cdr.Unrated;
                }
                await _rater.RateAsync(cdr, cancellationToken).ConfigureAwait(false);
            }
            if (!flags.Store)
            {
                return null;
            }
            var written = await store.PutAsync(cdr, allowUpdate: flags.Rerate || flags.Reprocess, cancellationToken).ConfigureAwait(false);
            cdr.OrderId = written.OrderId;
            return written.Error;
        }
        finally
        {
            gate.Release();
            _keys.TryRemove(KeyValuePair.Create(key, gate));
        }
    }

    /// <summary>Exporters, ThresholdS and StatS get the rated CDR; false when one of them failed.</summary>
    private async ValueTask<bool> FanOutAsync(Cdr cdr, CdrFlags flags, Instant now, CancellationToken cancellationToken)
    {
        var ok = true;
        if (flags.Export && exporters is not null)
        {
            var reply = await exporters.ProcessEventAsync(cdr.ToCgrEvent(), options.OnlineExports.Count > 0 ? options.OnlineExports : null,
                cancellationToken).ConfigureAwait(false);
            ok &= reply.Error is null or ErrorCodes.NotFound;
        }
        if (flags.Thresholds && thresholds is not null)
        {
            var (_, error) = await thresholds.ProcessEventAsync(cdr.ToCgrEvent(), now, cancellationToken).ConfigureAwait(false);
            ok &= error is null or ErrorCodes.NotFound;
        }
        if (flags.Stats && stats is not null)
        {
            var (_, error) = await stats.ProcessEventAsync(cdr.ToCgrEvent(), now, cancellationToken).ConfigureAwait(false);
            ok &= error is null or ErrorCodes.NotFound;
        }
        return ok;
    }
}
