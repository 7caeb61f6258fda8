namespace Obol.Evapi;

/// <summary>
/// A Kamailio event as CGRateS turns it into a utils.CGREvent (KamEvent.AsCGREvent), in plain .NET values for the
/// agent to build its own event from. The ID is left to the agent (CGRateS uses a random UUIDSha1Prefix).
/// </summary>
public sealed class KamCgrEvent
{
    public required string Tenant { get; init; }

    /// <summary>
    /// SetupTime for CGR_AUTH_REQUEST, AnswerTime for CALL_START, CALL_END and PROCESS_MESSAGE, now for
    /// PROCESS_CDR. An empty field gives Go's zero time, which is <see cref="DateTimeOffset.MinValue"/>.
    /// </summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>
    /// The event fields: every Kamailio field but the reserved ones and the options, values still the strings
    /// Kamailio sent, except Usage which gets "s" appended; OriginHost, Source and RequestType filled in.
    /// </summary>
    public required Dictionary<string, object?> Event { get; init; }

    /// <summary>The fields whose names are CGRateS API options (*sessionsTTL, *rsUsageID...).</summary>
    public required Dictionary<string, object?> ApiOpts { get; init; }

    /// <summary>cgr_flags split on ';' as Go's strings.Split does, or null when the field is absent.</summary>
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>Usage in nanoseconds, or null when absent or not a number of seconds.</summary>
    public long? UsageNanoseconds { get; init; }
}
