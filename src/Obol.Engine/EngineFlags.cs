using System.Globalization;
using System.Net;
using Obol.Primitives;

namespace Obol.Engine;

/// <summary>
/// cgr-engine's flags (Go <c>flag</c> syntax: <c>-name value</c>, <c>-name=value</c>, <c>--name</c>) plus Obol's own:
/// <c>-tariffplan</c> loads a plan when the store has none, <c>-data_dir</c> overrides where the store lives and
/// <c>-listen</c> the JSON-RPC address.
/// </summary>
internal sealed record EngineFlags
{
    public string? ConfigPath { get; init; }
    public string? Logger { get; init; }
    public int? LogLevel { get; init; }
    public bool Version { get; init; }
    public bool PrintConfig { get; init; }
    public string? TariffPlan { get; init; }
    public string? DataDir { get; init; }
    public IPEndPoint? Listen { get; init; }
    public IPEndPoint? HttpListen { get; init; }
    public IPEndPoint? BiRpcListen { get; init; }
    public int? RoundingDecimals { get; init; }

    /// <summary>Where the engine writes its process ID at start.</summary>
    public string? PidFile { get; init; }

    /// <summary>Overrides <c>general.node_id</c>.</summary>
    public string? NodeId { get; init; }

    /// <summary>Stops the engine, as SIGTERM does, this long after it starts.</summary>
    public TimeSpan? ScheduledShutdown { get; init; }

    /// <summary>Profiles the CPU from start to stop into this folder.</summary>
    public string? CpuProfDir { get; init; }

    /// <summary>Writes heap snapshots into this folder every <see cref="MemProfInterval"/>.</summary>
    public string? MemProfDir { get; init; }

    public TimeSpan MemProfInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many of the newest heap snapshots are kept; 0 or less keeps all.</summary>
    public int MemProfMaxFiles { get; init; } = 1;

    public bool MemProfTimestamp { get; init; }

    /// <summary>Runs the engine on one core (Go's GOMAXPROCS(1) in CGRateS; here the process's affinity).</summary>
    public bool SingleCpu { get; init; }

    /// <summary>Overwrites the stored database versions with the current ones at start.</summary>
    public bool SetVersions { get; init; }

    /// <summary>Flags taken for compatibility that do nothing here, to be reported at start.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Arguments that are not flags: an offline <c>cost</c> query.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    private static readonly HashSet<string> s_booleans = new(StringComparer.Ordinal)
    {
        "version", "print_config", "serve", "check_config", "singlecpu", "memprof_timestamp", "set_versions",
    };

    /// <summary>Go's pprof HTTP endpoint (two names across CGRateS versions) and the loaders to run at start, which need
    /// a loaders section Obol does not have.</summary>
    private static readonly HashSet<string> s_ignored = new(StringComparer.Ordinal) { "httprof_path", "http_pprof", "preload" };

    public static (EngineFlags? Flags, string? Error) Parse(IReadOnlyList<string> args)
    {
        var f = new EngineFlags();
        var command = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || command.Count > 0)
            {
                command.Add(arg);
                continue;
            }
            var name = arg.TrimStart('-');
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                (name, value) = (name[..eq], name[(eq + 1)..]);
            }
            if (s_booleans.Contains(name))
            {
                if (!bool.TryParse(value ?? "true", out var on))
                {
                    return (null, $"invalid boolean value \"{value}\" for flag -{name}");
                }
                f = name switch
                {
                    "version" => f with { Version = on },
                    "print_config" => f with { PrintConfig = on },
                    "singlecpu" => f with { SingleCpu = on },
                    "memprof_timestamp" => f with { MemProfTimestamp = on },
                    "set_versions" => f with { SetVersions = on },
                    _ => f,
                };
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"flag needs an argument: -{name}");
                }
                value = args[++i];
            }
            switch (name)
            {
                case "config_path":
                    f = f with { ConfigPath = value };
                    break;
                case "logger":
                    if (value is not ("*stdout" or "*syslog"))
                    {
                        return (null, $"invalid value \"{value}\" for flag -logger: *stdout or *syslog");
                    }
                    f = f with { Logger = value };
                    break;
                case "log_level":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level is < -1 or > 7)
                    {
                        return (null, $"invalid value \"{value}\" for flag -log_level: 0 (emergency) to 7 (debug)");
                    }
                    f = f with { LogLevel = level };
                    break;
                case "tariffplan":
                    f = f with { TariffPlan = value };
                    break;
                case "data_dir":
                    f = f with { DataDir = value };
                    break;
                case "listen" or "http_listen" or "birpc_listen":
                    if (!IPEndPoint.TryParse(value, out var endPoint))
                    {
                        return (null, $"invalid value \"{value}\" for flag -{name}: ip:port expected");
                    }
                    f = name switch
                    {
                        "listen" => f with { Listen = endPoint },
                        "http_listen" => f with { HttpListen = endPoint },
                        _ => f with { BiRpcListen = endPoint },
                    };
                    break;
                case "rounding_decimals":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var decimals) || decimals is < 0 or > 20)
                    {
                        return (null, $"invalid value \"{value}\" for flag -rounding_decimals");
                    }
                    f = f with { RoundingDecimals = decimals };
                    break;
                case "pid":
                    f = f with { PidFile = value };
                    break;
                case "node_id":
                    f = f with { NodeId = value };
                    break;
                case "cpuprof_dir":
                    f = f with { CpuProfDir = value };
                    break;
                case "memprof_dir":
                    f = f with { MemProfDir = value };
                    break;
                case "scheduled_shutdown" or "memprof_interval":
                    if (!Usage.TryParse(value, out var duration) || duration.Nanoseconds < 0)
                    {
                        return (null, $"invalid value \"{value}\" for flag -{name}: parse error");
                    }
                    var span = TimeSpan.FromTicks(duration.Nanoseconds / TimeSpan.NanosecondsPerTick);
                    f = name == "scheduled_shutdown" ? f with { ScheduledShutdown = span } : f with { MemProfInterval = span };
                    break;
                case "memprof_maxfiles" or "memprof_nrfiles":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var maxFiles))
                    {
                        return (null, $"invalid value \"{value}\" for flag -{name}: parse error");
                    }
                    f = f with { MemProfMaxFiles = maxFiles };
                    break;
                default:
                    if (!s_ignored.Contains(name))
                    {
                        return (null, $"flag provided but not defined: -{name}");
                    }
                    f = f with { Ignored = [.. f.Ignored, name] };
                    break;
            }
        }
        return (f with { Command = command }, null);
    }
}
