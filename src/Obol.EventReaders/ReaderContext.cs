using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.SessionServer;

namespace Obol.EventReaders;

/// <summary>What every reader shares: SessionS (null when sessions_conns reaches none), FilterS, the clock and zone,
/// the default tenant, the log, EEs for <c>ees_success_ids</c>/<c>ees_failed_ids</c>, StatS and ThresholdS for the
/// performance reports (each null when its <c>*_conns</c> reaches none).</summary>
internal sealed record ReaderContext(SessionService? Sessions, FilterService Filters, IClock Clock, DateTimeZone Zone, string DefaultTenant,
    Action<string> Info, Action<string> Warn, RawEventExporter? Exporters = null)
{
    /// <summary>StatSv1.ProcessEvent; the error StatS answered, or null.</summary>
    public Func<CgrEvent, CancellationToken, Task<string?>>? Stats { get; init; }

    /// <summary>ThresholdSv1.ProcessEvent; the error ThresholdS answered, or null.</summary>
    public Func<CgrEvent, CancellationToken, Task<string?>>? Thresholds { get; init; }
}

/// <summary>EeSv1.ProcessEvent for a reader's raw record: the event of <paramref name="tenant"/> made of
/// <paramref name="raw"/>, to the exporters <paramref name="exporterIds"/>; the error EEs answered, or null.</summary>
public delegate Task<string?> RawEventExporter(string tenant, IReadOnlyList<string> exporterIds, Dictionary<string, object?> raw,
    CancellationToken ct);
