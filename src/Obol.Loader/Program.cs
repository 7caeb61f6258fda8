using System.Net;
using System.Net.Sockets;
using System.Reflection;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.TariffPlans;

namespace Obol.Loader;

/// <summary>
/// <c>obol-loader</c>, cgr-loader's drop-in: reads and validates a tariff-plan folder, prints what each file holds and
/// every error with file:line, and — only when there is no error — has the engine load it (which stores it durably
/// and reloads its caches and scheduler). Exit code 0 on success, 1 on bad data or a failed load, 2 on bad flags.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => RunAsync(args, Console.Out, Console.Error, !Console.IsErrorRedirected).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var (options, flagError) = LoaderFlags.Parse(args);
        if (options is null)
        {
            await stderr.WriteLineAsync(flagError).ConfigureAwait(false);
            return 2;
        }
        if (options.Version)
        {
            await stdout.WriteLineAsync($"obol-loader {Assembly.GetExecutingAssembly().GetName().Version}").ConfigureAwait(false);
            return 0;
        }
        var zone = options.Timezone is "" or "Local" ? DateTimeZoneProviders.Tzdb.GetSystemDefault() : DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.Timezone);
        if (zone is null)
        {
            await stderr.WriteLineAsync($"unknown time zone \"{options.Timezone}\"").ConfigureAwait(false);
            return 2;
        }
        var (files, collectErrors) = TariffPlanReader.CollectFiles(options.Path);
        foreach (var error in collectErrors)
        {
            await stderr.WriteLineAsync(error.ToString()).ConfigureAwait(false);
        }
        if (collectErrors.Count > 0)
        {
            return 1;
        }
        var progress = new ProgressBar(stderr, files.Count, interactive);
        var read = TariffPlanReader.ReadFiles(Ticking(files, progress), new TariffPlanReadOptions(zone, SystemClock.Instance.GetCurrentInstant())
        {
            FieldSeparator = options.FieldSeparator,
        });
        foreach (var file in files)
        {
            await stdout.WriteLineAsync($"{file.Name,-28} {DataRows(file.Text),8} rows").ConfigureAwait(false);
        }
        var errors = read.Errors.Where(e => !e.IsWarning).ToList();
        foreach (var error in read.Errors.Where(e => options.Verbose || !e.IsWarning))
        {
            await stderr.WriteLineAsync(error.ToString()).ConfigureAwait(false);
        }
        if (errors.Count > 0)
        {
            await stderr.WriteLineAsync($"{errors.Count} error(s): nothing loaded").ConfigureAwait(false);
            return 1;
        }
        if (options.DryRun)
        {
            await stdout.WriteLineAsync("dry run: the tariff plan is valid, nothing loaded").ConfigureAwait(false);
            return 0;
        }
        if (options.CachesAddress.Length == 0 || options.Caching == "*none")
        {
            await stderr.WriteLineAsync("no engine to load into (-caches_address empty or -caching *none): nothing loaded").ConfigureAwait(false);
            return 1;
        }
        return await LoadThroughEngineAsync(options, stdout, stderr).ConfigureAwait(false);
    }

    private static async Task<int> LoadThroughEngineAsync(LoaderOptions options, TextWriter stdout, TextWriter stderr)
    {
        var address = options.CachesAddress == "*localhost" ? "127.0.0.1:2012" : options.CachesAddress;
        if (!TryResolve(address, out var endPoint))
        {
            await stderr.WriteLineAsync($"invalid engine address \"{address}\"").ConfigureAwait(false);
            return 2;
        }
        try
        {
            await using var client = await JsonRpcClient.ConnectAsync(endPoint).ConfigureAwait(false);
            var folder = Path.GetFullPath(options.Path);
            var reply = await client.CallAsync<LoadArgs, string>("APIerSv1.LoadTariffPlanFromFolder", new LoadArgs(folder, false, false)).ConfigureAwait(false);
            await stdout.WriteLineAsync($"loaded {folder} into the engine at {address}: {reply}").ConfigureAwait(false);
            return 0;
        }
        catch (SocketException e)
        {
            await stderr.WriteLineAsync($"cannot reach the engine at {address}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (RpcException e)
        {
            await stderr.WriteLineAsync($"the engine refused the tariff plan: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static IEnumerable<TariffPlanFile> Ticking(IReadOnlyList<TariffPlanFile> files, ProgressBar progress)
    {
        foreach (var file in files)
        {
            yield return file;
            progress.Advance(file.Name);
        }
    }

    /// <summary>Records in a file as Go's csv reader with Comment '#' sees them: blank lines and comment lines skipped.</summary>
    private static int DataRows(string text)
    {
        var rows = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.TrimStart();
            if (!trimmed.IsEmpty && trimmed[0] != '#')
            {
                rows++;
            }
        }
        return rows;
    }

    private static bool TryResolve(string address, out EndPoint endPoint)
    {
        if (IPEndPoint.TryParse(address, out var ip) && ip.Port != 0)
        {
            endPoint = ip;
            return true;
        }
        var colon = address.LastIndexOf(':');
        if (colon > 0 && int.TryParse(address.AsSpan(colon + 1), out var port))
        {
            endPoint = new DnsEndPoint(address[..colon], port);
            return true;
        }
        endPoint = null!;
        return false;
    }

    private sealed record LoadArgs(string FolderPath, bool DryRun, bool Validate);
}
