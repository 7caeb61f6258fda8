namespace Obol.SessionServer;

/// <summary>
/// A switch's <c>cgr_flags</c> (<c>;</c>-separated) into the SessionS argument flags, as sessions.go's ParseFlags of
/// V1AuthorizeArgs, V1InitSessionArgs, V1TerminateSessionArgs and V1ProcessMessageArgs read them; every agent
/// shares them. Without the variable the agents only ask for the accounting step of each call.
/// </summary>
public static class AgentFlags
{
    public const char Separator = ';';
    public const string Accounts = "*accounts";
    public const string Resources = "*resources";
    public const string Ips = "*ips";
    public const string Routes = "*routes";
    public const string RoutesIgnoreErrors = "*routes_ignore_errors";
    public const string RoutesEventCost = "*routes_event_cost";
    public const string RoutesMaxCost = "*routes_maxcost";
    public const string Attributes = "*attributes";
    public const string Thresholds = "*thresholds";
    public const string Stats = "*stats";
    public const string ForceDuration = "*fd";
    public const string MetaEventCost = "*event_cost";

    public static AuthorizeArgs ApplyTo(AuthorizeArgs args, string? flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (flags is null)
        {
            return args with { GetMaxUsage = true };
        }
        foreach (var flag in flags.Split(Separator))
        {
            args = flag switch
            {
                Accounts => args with { GetMaxUsage = true },
                Resources => args with { AuthorizeResources = true },
                Ips => args with { AuthorizeIp = true },
                Routes => args with { GetRoutes = true },
                RoutesIgnoreErrors => args with { RoutesIgnoreErrors = true },
                RoutesEventCost => args with { RoutesMaxCost = MetaEventCost },
                ForceDuration => args with { ForceDuration = true },
                _ when flag.StartsWith(RoutesMaxCost, StringComparison.Ordinal) =>
                    args with { RoutesMaxCost = TrimPrefix(flag, RoutesMaxCost + ":") },
                _ when flag.StartsWith(Attributes, StringComparison.Ordinal) => args with { GetAttributes = true, AttributeIds = Ids(flag) },
                _ when flag.StartsWith(Thresholds, StringComparison.Ordinal) => args with { ProcessThresholds = true, ThresholdIds = Ids(flag) },
                _ when flag.StartsWith(Stats, StringComparison.Ordinal) => args with { ProcessStats = true, StatIds = Ids(flag) },
                _ => args,
            };
        }
        return args;
    }

    public static InitiateArgs ApplyTo(InitiateArgs args, string? flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (flags is null)
        {
            return args with { InitSession = true };
        }
        foreach (var flag in flags.Split(Separator))
        {
            args = flag switch
            {
                Accounts => args with { InitSession = true },
                Resources => args with { AllocateResources = true },
                Ips => args with { AllocateIp = true },
                ForceDuration => args with { ForceDuration = true },
                _ when flag.StartsWith(Attributes, StringComparison.Ordinal) => args with { GetAttributes = true, AttributeIds = Ids(flag) },
                _ when flag.StartsWith(Thresholds, StringComparison.Ordinal) => args with { ProcessThresholds = true, ThresholdIds = Ids(flag) },
                _ when flag.StartsWith(Stats, StringComparison.Ordinal) => args with { ProcessStats = true, StatIds = Ids(flag) },
                _ => args,
            };
        }
        return args;
    }

    public static TerminateArgs ApplyTo(TerminateArgs args, string? flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (flags is null)
        {
            return args with { TerminateSession = true };
        }
        foreach (var flag in flags.Split(Separator))
        {
            // Terminate tests thresholds/stats with Contains, not a prefix, in CGRateS.
            args = flag switch
            {
                Accounts => args with { TerminateSession = true },
                Resources => args with { ReleaseResources = true },
                Ips => args with { ReleaseIp = true },
                ForceDuration => args with { ForceDuration = true },
                _ when flag.Contains(Thresholds, StringComparison.Ordinal) => args with { ProcessThresholds = true, ThresholdIds = Ids(flag) },
                _ when flag.Contains(Stats, StringComparison.Ordinal) => args with { ProcessStats = true, StatIds = Ids(flag) },
                _ => args,
            };
        }
        return args;
    }

    /// <summary>Without flags a message asks for nothing; terminate and process message test by substring.</summary>
    public static ProcessMessageArgs ApplyTo(ProcessMessageArgs args, string? flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (flags is null)
        {
            return args;
        }
        foreach (var flag in flags.Split(Separator))
        {
            args = flag switch
            {
                Accounts => args with { Debit = true },
                Resources => args with { AllocateResources = true },
                Ips => args with { AllocateIp = true },
                Routes => args with { GetRoutes = true },
                RoutesIgnoreErrors => args with { RoutesIgnoreErrors = true },
                RoutesEventCost => args with { RoutesMaxCost = MetaEventCost },
                ForceDuration => args with { ForceDuration = true },
                _ when flag.StartsWith(RoutesMaxCost, StringComparison.Ordinal) =>
                    args with { RoutesMaxCost = TrimPrefix(flag, RoutesMaxCost + ":") },
                _ when flag.Contains(Attributes, StringComparison.Ordinal) => args with { GetAttributes = true, AttributeIds = Ids(flag) },
                _ when flag.Contains(Thresholds, StringComparison.Ordinal) => args with { ProcessThresholds = true, ThresholdIds = Ids(flag) },
                _ when flag.Contains(Stats, StringComparison.Ordinal) => args with { ProcessStats = true, StatIds = Ids(flag) },
                _ => args,
            };
        }
        return args;
    }

    /// <summary>getFlagIDs: the <c>&amp;</c>-separated IDs after the first <c>:</c>, null without one.</summary>
    public static List<string>? Ids(string flag)
    {
        var parts = flag.Split(':');
        return parts.Length <= 1 ? null : [.. parts[1].Split('&')];
    }

    private static string TrimPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
