using Obol.Primitives;

namespace Obol.Sessions;

/// <summary>The <c>sessions</c> config knobs the core uses (config_defaults.go values).</summary>
public sealed record SessionOptions
{
    /// <summary><c>debit_interval</c>: 0 = no debit loop, Init/Update debit the requested usage once.</summary>
    public Usage DebitInterval { get; init; }

    /// <summary><c>default_usage</c> for *voice when the event carries none.</summary>
    public Usage DefaultUsage { get; init; } = Usage.FromHours(3);

    /// <summary><c>terminate_attempts</c>: tries to disconnect before giving up.</summary>
    public int TerminateAttempts { get; init; } = 5;

    /// <summary><c>general.rounding_decimals</c>, used when building the EventCost.</summary>
    public int RoundingDecimals { get; init; } = 5;

    /// <summary>How long a terminated CGRID is remembered (the <c>*closed_sessions</c> cache TTL).</summary>
    public TimeSpan ClosedSessionTtl { get; init; } = TimeSpan.FromSeconds(10);
}
