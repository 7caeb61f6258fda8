using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Obol.LoadGenerator;

/// <summary>
/// Closed-loop load on a running engine over loopback JSON-RPC: <c>-connections</c> clients, each with
/// <c>-depth</c> requests in flight, for <c>-duration</c> seconds after <c>-warmup</c>. Prints requests/s and the
/// p50/p99/p99.9 round trip. <c>bench/load.sh</c> starts an engine and runs the issue's three workloads.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var server = IPEndPoint.Parse(Arg(args, "-server", "127.0.0.1:2012"));
        var method = Arg(args, "-method", "GetCost");
        var connections = int.Parse(Arg(args, "-connections", "32"), CultureInfo.InvariantCulture);
        var depth = int.Parse(Arg(args, "-depth", "1"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg(args, "-duration", "10"), CultureInfo.InvariantCulture);
        var warmup = double.Parse(Arg(args, "-warmup", "2"), CultureInfo.InvariantCulture);
        if (Workloads.For(method) is not { } request)
        {
            Console.Error.WriteLine($"unknown -method {method}: {string.Join(", ", Workloads.Names)}");
            return 2;
        }
        var clients = Enumerable.Range(0, connections).Select(i => new Connection(i, server, depth, request)).ToList();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(measureFrom, stopAt))));
        var latencies = clients.SelectMany(c => c.LatenciesMicros).Order().ToArray();
        var errors = clients.Sum(c => c.Errors);
        string P(double q) => latencies.Length == 0 ? "-" : $"{latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))] / 1000.0:0.000} ms";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{method}: {connections} connections x depth {depth}, {seconds:0.#} s: {latencies.Length / seconds:N0} req/s, p50 {P(0.50)}, p99 {P(0.99)}, p99.9 {P(0.999)}, errors {errors}"));
        return errors == 0 ? 0 : 1;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
