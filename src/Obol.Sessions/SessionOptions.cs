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

    /// <summary><c>session_ttl</c>: a session with no request for this long is ended; zero never.</summary>
    public Usage SessionTtl { get; init; }

    /// <summary><c>session_ttl_max_delay</c>: a random extra up to this much is added to each TTL.</summary>
    public Usage? SessionTtlMaxDelay { get; init; }

    /// <summary><c>session_ttl_last_used</c>: the LastUsed applied when the TTL ends a session.</summary>
    public Usage? SessionTtlLastUsed { get; init; }

    /// <summary><c>session_ttl_usage</c>: the total usage the TTL-ended session is charged.</summary>
    public Usage? SessionTtlUsage { get; init; }

    /// <summary><c>session_ttl_last_usage</c>: debited before the TTL ends a session; unset = the TTL itself.</summary>
    public Usage? SessionTtlLastUsage { get; init; }

    /// <summary><c>min_dur_low_balance</c>: warn the agent when a prepaid call has at most this much left; unset never.</summary>
    public Usage? MinDurLowBalance { get; init; }

    /// <summary>Where the core's warnings go (the engine's log).</summary>
    public Action<string>? Warn { get; init; }

    /// <summary><c>*dynaprepaid</c>: given a tenant and account RALs does not know, runs the <c>schedulers</c> section's
    /// <c>dynaprepaid_actionplans</c> on it (SchedulerSv1.ExecuteActionPlans) and answers null or the error; unset when
    /// SessionS has no <c>scheduler_conns</c>, and such runs fail with <c>ACCOUNT_NOT_FOUND</c> like <c>*prepaid</c>.</summary>
    public Func<string, string, CancellationToken, Task<string?>>? CreateDynaprepaidAccount { get; init; }
}
