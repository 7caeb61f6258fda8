using NodaTime;
using Obol.Filters;

namespace Obol.Exporters;

/// <summary>What every exporter instance shares: FilterS for field filters, clocks and zones, HTTP, the AMQP connections
/// and the log.</summary>
internal sealed record ExporterContext(
    FilterService Filters,
    string DefaultTenant,
    DateTimeZone LocalZone,
    TimeProvider Time,
    HttpClient Http,
    AmqpPublishers Amqp,
    ILogSink Log)
{
    public Instant Now => Instant.FromDateTimeOffset(Time.GetUtcNow());
}
