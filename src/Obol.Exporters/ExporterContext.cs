using NodaTime;
using Obol.Filters;

namespace Obol.Exporters;

/// <summary>What every exporter instance shares: FilterS for field filters, clocks and zones, HTTP and the log.</summary>
internal sealed record ExporterContext(
    FilterService Filters,
    string DefaultTenant,
    DateTimeZone LocalZone,
    TimeProvider Time,
    HttpClient Http,
    ILogSink Log)
{
    public Instant Now => Instant.FromDateTimeOffset(Time.GetUtcNow());
}
