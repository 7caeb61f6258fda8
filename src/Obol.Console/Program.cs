using System.Reflection;

namespace Obol.Console;

/// <summary>obol-console: a drop-in for cgr-console, speaking CGRateS JSON-RPC to an Obol or CGRateS engine.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) =>
        RunAsync(args, System.Console.In, System.Console.Out, System.Console.Error);

    /// <summary>
    /// Runs the console with the given streams: the non-flag arguments as one command, or, without any, the
    /// interactive prompt reading <paramref name="stdin"/>. Returns the process exit status.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ConsoleOptions options;
        try
        {
            options = ConsoleOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            await stderr.WriteAsync(ConsoleOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            await stderr.WriteAsync(ConsoleOptions.Usage);
            return 0;
        }
        if (options.Version)
        {
            await stdout.WriteLineAsync("obol-console@" + Version());
            return 0;
        }
        if (options.RpcEncoding == "*gob")
        {
            await stderr.WriteLineAsync("rpc_encoding *gob is not supported by obol-console; use *json");
            return 1;
        }
        if (options.RpcEncoding != "*json")
        {
            await stderr.WriteLineAsync($"unsupported rpc_encoding {options.RpcEncoding}; use *json");
            return 1;
        }
        if (options.Tls)
        {
            await stderr.WriteLineAsync("-tls is not supported yet by obol-console; connect without TLS");
            return 1;
        }
        await using var connector = new ServerConnector(options);
        var executor = new CommandExecutor(connector.ConnectAsync, stdout, options.Verbose,
            TimeSpan.FromSeconds(Math.Max(1, options.ReplyTimeoutSeconds)));
        try
        {
            if (options.Arguments.Count > 0)
            {
                await executor.ExecuteAsync(string.Join(' ', options.Arguments), cancellationToken);
                return 0;
            }
            // Interactively, as cgr-console, an unreachable server is reported before the prompt.
            await connector.ConnectAsync(cancellationToken);
            await new InteractiveShell(executor, stdin, stdout, stderr).RunAsync(cancellationToken);
            return 0;
        }
        catch (ServerUnreachableException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static string Version() =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
}
