using NodaTime;
using Obol.Filters;
using Obol.SessionServer;

namespace Obol.EventReaders;

/// <summary>What every reader shares: SessionS (null when sessions_conns reaches none), FilterS, the clock and zone,
/// the default tenant, the log, and EEs for <c>ees_success_ids</c>/<c>ees_failed_ids</c> (null when ees_conns reaches
/// none).</summary>
internal sealed record ReaderContext(SessionService? Sessions, FilterService Filters, IClock Clock, DateTimeZone Zone, string DefaultTenant,
    Action<string> Info, Action<string> Warn, RawEventExporter? Exporters = null);

/// <summary>EeSv1.ProcessEvent for a reader's raw record: the event of <paramref name="tenant"/> made of
/// <paramref name="raw"/>, to the exporters <paramref name="exporterIds"/>; the error EEs answered, or null.</summary>
public delegate Task<string?> RawEventExporter(string tenant, IReadOnlyList<string> exporterIds, Dictionary<string, object?> raw,
    CancellationToken ct);
