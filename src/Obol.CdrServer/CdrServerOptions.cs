using Obol.Cdrs;

namespace Obol.CdrServer;

/// <summary>The cdrs section as the CDR server uses it: the default flags and where CDRs go.</summary>
public sealed record CdrServerOptions
{
    public CdrFlags Defaults { get; init; } = new() { Store = true };

    public CdrDefaults CdrDefaults { get; init; } = CdrDefaults.CGRateS;

    /// <summary>cdrs.online_cdr_exports: the exporters every processed CDR goes to.</summary>
    public IReadOnlyList<string> OnlineExports { get; init; } = [];

    public int RoundingDecimals { get; init; } = 5;

    /// <summary>Where prepaid CDRs without CostDetails look for their session's cost.</summary>
    public ISessionCostSource? SessionCosts { get; init; }
}
