using NodaTime;

namespace Obol.Exporters;

/// <summary>Host-provided settings and ports of <see cref="ExporterService"/>.</summary>
public sealed record ExporterServiceOptions
{
    /// <summary>general.default_tenant: the tenant for filters when the event has none.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>general.default_timezone, used by exporters with no <c>timezone</c>.</summary>
    public string DefaultTimezone { get; init; } = "Local";

    /// <summary>What Go's "Local" means (the process zone unless a test pins it).</summary>
    public DateTimeZone LocalZone { get; init; } = DateTimeZoneProviders.Tzdb.GetSystemDefault();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>For the HTTP exporters; null makes one with general.reply_timeout (2 s).</summary>
    public HttpClient? Http { get; init; }

    public ILogSink Log { get; init; } = NullLogSink.Instance;

    /// <summary>AttributeS for exporters flagged <c>*attributes</c>; null means none is connected.</summary>
    public IExportAttributes? Attributes { get; init; }

    /// <summary>Pause before attempt n+1 (n from 1); Go uses a Fibonacci series of seconds (1s, 1s, 2s, 3s...).</summary>
    public Func<int, TimeSpan> RetryDelay { get; init; } = FibonacciSeconds;

    public static TimeSpan FibonacciSeconds(int attempt)
    {
        long a = 1, b = 1;
        for (var i = 1; i < attempt; i++)
        {
            (a, b) = (b, a + b);
        }
        return TimeSpan.FromSeconds(a);
    }
}

/// <summary>The AttributeS call an exporter flagged <c>*attributes</c> makes before templating (context default <c>*ees</c>).</summary>
public interface IExportAttributes
{
    /// <summary>The event altered by AttributeS; NOT_FOUND (no profile matched) is the event unchanged.</summary>
    Task<Obol.Events.CgrEvent> ProcessAsync(Obol.Events.CgrEvent ev, IReadOnlyList<string> attributeIds, string context,
        CancellationToken cancellationToken);
}
