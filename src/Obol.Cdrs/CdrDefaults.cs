using NodaTime;

namespace Obol.Cdrs;

/// <summary>
/// The <c>general</c> config values CDR.AddDefaults fills empty fields from, and the zone zone-less time strings are
/// read in (<c>default_timezone</c>). RunID and ToR have fixed defaults (<c>*default</c>, <c>*voice</c>).
/// </summary>
public sealed record CdrDefaults(string Tenant, string Category, string RequestType, DateTimeZone Timezone)
{
    /// <summary>CGRateS's shipped defaults: cgrates.org, call, *rated, Local (here: UTC).</summary>
    public static CdrDefaults CGRateS { get; } = new("cgrates.org", "call", "*rated", DateTimeZone.Utc);
}
