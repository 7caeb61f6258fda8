namespace Obol.Evapi;

/// <summary>
/// cgr_flags: subsystem flags separated by ';', each optionally carrying profile IDs as <c>flag:id1&amp;id2</c>.
/// Which flag turns on what depends on the SessionS call (the ParseFlags of V1AuthorizeArgs, V1InitSessionArgs,
/// V1TerminateSessionArgs, V1ProcessMessageArgs).
/// </summary>
public static class KamFlags
{
    public const char Separator = ';';

    /// <summary>Auth: GetMaxUsage; initiate: InitSession; terminate: TerminateSession; process message: Debit.</summary>
    public const string Accounts = "*accounts";

    /// <summary>Prefix match in auth/initiate, substring match in terminate/process message; may carry IDs.</summary>
    public const string Attributes = "*attributes";

    /// <summary>Auth: AuthorizeResources; initiate: AllocateResources; terminate: ReleaseResources.</summary>
    public const string Resources = "*resources";

    public const string Routes = "*routes";
    public const string RoutesIgnoreErrors = "*routes_ignore_errors";
    public const string RoutesEventCost = "*routes_event_cost";

    /// <summary>Used as <c>*routes_maxcost:&lt;cost&gt;</c>.</summary>
    public const string RoutesMaxCost = "*routes_maxcost";

    public const string Thresholds = "*thresholds";
    public const string Stats = "*stats";
    public const string Ips = "*ips";

    /// <summary>ForceDuration.</summary>
    public const string ForceDuration = "*fd";

    /// <summary>On CALL_END the agent also calls ProcessCDR when cgr_flags contains this (substring test).</summary>
    public const string Cdrs = "*cdrs";

    /// <summary>Go's strings.Split: null for an absent field, [""] for an empty one.</summary>
    public static IReadOnlyList<string>? Split(string? cgrFlags) => cgrFlags?.Split(Separator);

    /// <summary>The profile IDs after ':' (sessions getFlagIDs), e.g. "*attributes:ATTR_1&amp;ATTR_2"; empty without ':'.</summary>
    public static IReadOnlyList<string> GetIds(string flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var parts = flag.Split(':');
        return parts.Length <= 1 ? [] : parts[1].Split('&');
    }

    /// <summary>Whether CALL_END must also produce a CDR regardless of kamailio_agent.create_cdr.</summary>
    public static bool RequestsCdr(string? cgrFlags) => cgrFlags is not null && cgrFlags.Contains(Cdrs, StringComparison.Ordinal);
}
