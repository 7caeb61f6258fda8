using System.Collections.Frozen;

namespace Obol.Console;

/// <summary>All console commands by name.</summary>
internal static class CommandRegistry
{
    public static readonly FrozenDictionary<string, ConsoleCommand> Commands =
        CommandTable.All.ToFrozenDictionary(spec => spec.Name, spec => new ConsoleCommand(spec), StringComparer.Ordinal);

    public static IEnumerable<string> SortedNames => Commands.Keys.Order(StringComparer.Ordinal);

    /// <summary>The subsystem names <c>ping</c> accepts and the service each one pings (console/ping.go).</summary>
    public static readonly FrozenDictionary<string, string> PingTargets = new Dictionary<string, string>
    {
        ["routes"] = "RouteSv1.Ping",
        ["attributes"] = "AttributeSv1.Ping",
        ["chargers"] = "ChargerSv1.Ping",
        ["resources"] = "ResourceSv1.Ping",
        ["stats"] = "StatSv1.Ping",
        ["thresholds"] = "ThresholdSv1.Ping",
        ["sessions"] = "SessionSv1.Ping",
        ["dispatchers"] = "DispatcherSv1.Ping",
        ["analyzers"] = "AnalyzerSv1.Ping",
        ["schedulers"] = "SchedulerSv1.Ping",
        ["rals"] = "RALsV1.Ping",
        ["replicator"] = "ReplicatorSv1.Ping",
        ["apiers"] = "APIerSv1.Ping",
        ["ees"] = "EeSv1.Ping",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The error cgr-console prints for an unknown or missing command name.</summary>
    public static string AvailableCommands() => $"\n\tAvailable commands <{string.Join('|', SortedNames)}>\n";
}
