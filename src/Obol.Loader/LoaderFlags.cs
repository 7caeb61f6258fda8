using System.Globalization;

namespace Obol.Loader;

/// <summary>
/// Go <c>flag</c> syntax as cgr-loader parses it: <c>-name value</c>, <c>-name=value</c>, <c>--name</c>; booleans
/// take no value unless written <c>-name=false</c>.
/// </summary>
internal static class LoaderFlags
{
    private static readonly HashSet<string> s_booleans = new(StringComparer.Ordinal)
    {
        "verbose", "dry_run", "version", "print_config", "disable_reverse_mappings", "remove", "to_stordb", "from_stordb", "flush_stordb",
        "redis_sentinel", "redis_cluster", "redis_tls",
    };

    private static readonly HashSet<string> s_ignored = new(StringComparer.Ordinal)
    {
        "caching_delay", "scheduler_address", "rpc_encoding", "import_id", "datadb_type", "datadb_host", "datadb_port", "datadb_name",
        "datadb_user", "datadb_passwd", "dbdata_encoding", "stordb_type", "stordb_host", "stordb_port", "stordb_name", "stordb_user",
        "stordb_passwd", "redis_sentinel", "redis_cluster", "redis_cluster_sync", "redis_cluster_ondown_delay", "redis_tls", "api_key",
        "route_id", "print_config", "disable_reverse_mappings", "remove", "to_stordb", "from_stordb", "flush_stordb",
        "redis_connection_timeout", "redis_read_timeout", "redis_write_timeout", "mongo_query_timeout", "mongo_conn_scheme",
    };

    public static (LoaderOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var o = new LoaderOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
            {
                return (null, $"unexpected argument \"{arg}\" (flags only; the folder is given with -path)");
            }
            var name = arg.TrimStart('-');
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            if (s_booleans.Contains(name))
            {
                value ??= "true";
                if (!bool.TryParse(value, out var flag))
                {
                    return (null, $"invalid boolean value \"{value}\" for flag -{name}");
                }
                o = name switch
                {
                    "verbose" => o with { Verbose = flag },
                    "dry_run" => o with { DryRun = flag },
                    "version" => o with { Version = flag },
                    _ => o,
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
                    o = o with { ConfigPath = value };
                    break;
                case "path":
                    o = o with { Path = value };
                    break;
                case "field_sep":
                    if (value.Length != 1)
                    {
                        return (null, $"invalid value \"{value}\" for flag -field_sep: one character expected");
                    }
                    o = o with { FieldSeparator = value[0] };
                    break;
                case "tpid":
                    o = o with { TpId = value };
                    break;
                case "tenant":
                    o = o with { Tenant = value };
                    break;
                case "timezone":
                    o = o with { Timezone = value };
                    break;
                case "caching":
                    if (value is not ("*none" or "*reload" or "*load" or "*remove" or "*clear" or ""))
                    {
                        return (null, $"invalid value \"{value}\" for flag -caching: *none, *reload, *load, *remove or *clear");
                    }
                    o = o with { Caching = value };
                    break;
                case "caches_address":
                    o = o with { CachesAddress = value };
                    break;
                default:
                    if (!s_ignored.Contains(name))
                    {
                        return (null, string.Create(CultureInfo.InvariantCulture, $"flag provided but not defined: -{name}"));
                    }
                    break;
            }
        }
        return (o, null);
    }
}
