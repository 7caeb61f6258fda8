using NodaTime;
using Obol.Config;
using Obol.Events;
using Obol.Exporters;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>
/// Where TrendS and RankingS report a run (engine/trends.go processThresholds, processEEs): ThresholdS through
/// <c>thresholds_conns</c>, limited to the profile's ThresholdIDs (<c>[*none]</c>: not at all), and EEs through
/// <c>ees_conns</c> with <c>ees_exporter_ids</c>; each failure is a warning, as in CGRateS.
/// </summary>
internal sealed class StatQueryReports(string subsystem, StatQueriesConfig config, ThresholdService? thresholds, ExporterService? exporters,
    Action<string> warn)
{
    public async Task ReportAsync(CgrEvent report, IReadOnlyList<string>? thresholdIds, CancellationToken cancellationToken)
    {
        if (thresholds is not null && config.ThresholdsConns.Count > 0 && thresholdIds is not ["*none"])
        {
            var ev = report.Clone();
            if (thresholdIds is { Count: > 0 })
            {
                ev.ApiOpts[EventOptions.ThresholdIds] = thresholdIds.ToList<object?>();
            }
            var (_, error) = await thresholds.ProcessEventAsync(ev, SystemClock.Instance.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            if (error is not null && (error != Obol.Primitives.ErrorCodes.NotFound || thresholdIds is { Count: > 0 }))
            {
                warn($"<{subsystem}> error: {error} processing event {report.Id} with ThresholdS.");
            }
        }
        if (exporters is not null && config.EesConns.Count > 0)
        {
            var reply = await exporters.ProcessEventAsync(report.Clone(), config.EesExporterIds.Count > 0 ? config.EesExporterIds : null, cancellationToken)
                .ConfigureAwait(false);
            if (reply.Error is { } error && error != Obol.Primitives.ErrorCodes.NotFound)
            {
                warn($"<{subsystem}> error: \"{error}\" processing event {report.Id} with EEs.");
            }
        }
    }
}
