using System.Globalization;

namespace Obol.Console;

/// <summary>cgr-console's flags, parsed with Go's flag package rules: <c>-f v</c>, <c>-f=v</c>, <c>--f</c>, booleans
/// without a separate value, parsing stops at the first non-flag argument or after <c>--</c>.</summary>
internal sealed class ConsoleOptions
{
    public string Server { get; private set; } = "127.0.0.1:2012";
    public string RpcEncoding { get; private set; } = "*json";
    public bool Verbose { get; private set; }
    public bool Version { get; private set; }
    public bool Tls { get; private set; }
    public string CertificatePath { get; private set; } = "";
    public string KeyPath { get; private set; } = "";
    public string CaPath { get; private set; } = "";
    public int ConnectAttempts { get; private set; } = 3;
    public int Reconnects { get; private set; } = 3;
    public int MaxReconnectInterval { get; private set; }
    public int ConnectTimeoutSeconds { get; private set; } = 1;
    public int ReplyTimeoutSeconds { get; private set; } = 300;
    public bool Help { get; private set; }

    /// <summary>The non-flag arguments: the command line to execute once.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    public const string Usage = """
        Usage of cgr-console:
          -ca_path string
            	path to CA for tls connection(only for self sign certificate)
          -connect_attempts int
            	Connect attempts (default 3)
          -connect_timeout int
            	Connect timeout in seconds  (default 1)
          -crt_path string
            	path to certificate for tls connection
          -key_path string
            	path to key for tls connection
          -max_reconnect_interval int
            	Maximum reconnect interval
          -reconnects int
            	Reconnect attempts (default 3)
          -reply_timeout int
            	Reply timeout in seconds  (default 300)
          -rpc_encoding string
            	RPC encoding used <*gob|*json> (default "*json")
          -server string
            	server address host:port (default "127.0.0.1:2012")
          -tls
            	TLS connection
          -verbose
            	Show extra info about command execution.
          -version
            	Prints the application version.

        """;

    /// <summary>Parses <paramref name="args"/>; a malformed flag throws <see cref="FormatException"/> worded as Go's flag package.</summary>
    public static ConsoleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ConsoleOptions();
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }
            var name = arg[1] == '-' ? arg[2..] : arg[1..];
            if (arg == "--")
            {
                i++;
                break;
            }
            if (name.Length == 0 || name[0] == '-' || name[0] == '=')
            {
                throw new FormatException($"bad flag syntax: {arg}");
            }
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            if (name is "h" or "help")
            {
                options.Help = true;
                continue;
            }
            if (name is "verbose" or "version" or "tls")
            {
                var flag = value is null || ParseBool(value, name);
                _ = name switch
                {
                    "verbose" => options.Verbose = flag,
                    "version" => options.Version = flag,
                    _ => options.Tls = flag,
                };
                continue;
            }
            if (!IsValueFlag(name))
            {
                throw new FormatException($"flag provided but not defined: -{name}");
            }
            if (value is null)
            {
                if (++i >= args.Count)
                {
                    throw new FormatException($"flag needs an argument: -{name}");
                }
                value = args[i];
            }
            options.Set(name, value);
        }
        options.Arguments = [.. args.Skip(i)];
        return options;
    }

    private static bool IsValueFlag(string name) => name is "server" or "rpc_encoding" or "crt_path" or "key_path" or "ca_path"
        or "connect_attempts" or "reconnects" or "max_reconnect_interval" or "connect_timeout" or "reply_timeout";

    private void Set(string name, string value)
    {
        switch (name)
        {
            case "server": Server = value; break;
            case "rpc_encoding": RpcEncoding = value; break;
            case "crt_path": CertificatePath = value; break;
            case "key_path": KeyPath = value; break;
            case "ca_path": CaPath = value; break;
            case "connect_attempts": ConnectAttempts = ParseInt(value, name); break;
            case "reconnects": Reconnects = ParseInt(value, name); break;
            case "max_reconnect_interval": MaxReconnectInterval = ParseInt(value, name); break;
            case "connect_timeout": ConnectTimeoutSeconds = ParseInt(value, name); break;
            default: ReplyTimeoutSeconds = ParseInt(value, name); break;
        }
    }

    private static int ParseInt(string value, string name) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"invalid value \"{value}\" for flag -{name}: parse error");

    // strconv.ParseBool's spellings.
    private static bool ParseBool(string value, string name) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new FormatException($"invalid boolean value \"{value}\" for -{name}: parse error"),
    };
}
