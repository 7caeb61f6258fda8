using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Obol.LoadGenerator;

/// <summary>
/// Closed-loop load on a running engine over loopback JSON-RPC: <c>-connections</c> clients, each with
/// <c>-depth</c> requests in flight, for <c>-duration</c> seconds after <c>-warmup</c>. Prints requests/s and the
/// p50/p99/p99.9 round trip; <c>-threads</c> (default 2) drive the connections. <c>bench/load.sh</c> starts an engine and
/// runs the issue's three workloads. <c>-method Lifecycle</c> runs whole prepaid calls, <c>-calls</c> of them at once on
/// each connection (default 1).
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
        if (method == "Hold")
        {
            return await SessionHold.RunAsync(server, int.Parse(Arg(args, "-sessions", "10000"), CultureInfo.InvariantCulture), connections, seconds);
        }
        if (method == "Lifecycle")
        {
            return Lifecycle(server, connections, int.Parse(Arg(args, "-calls", "1"), CultureInfo.InvariantCulture),
                int.Parse(Arg(args, "-threads", "1"), CultureInfo.InvariantCulture), seconds, warmup);
        }
        if (Workloads.For(method) is not { } request)
        {
            Console.Error.WriteLine($"unknown -method {method}: {string.Join(", ", Workloads.Names)}");
            return 2;
        }
        var threads = int.Parse(Arg(args, "-threads", "2"), CultureInfo.InvariantCulture);
        var clients = Enumerable.Range(0, connections).Select(i => new Connection(i, server, depth, request)).ToList();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(seconds * Stopwatch.Frequency);
        Poller.Run(clients, threads, measureFrom, stopAt);
        clients.ForEach(c => c.Socket.Dispose());
        var latencies = clients.SelectMany(c => c.LatenciesMicros).Order().ToArray();
        var errors = clients.Sum(c => c.Errors);
        string P(double q) => latencies.Length == 0 ? "-" : $"{latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))] / 1000.0:0.000} ms";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{method}: {connections} connections x depth {depth}, {seconds:0.#} s: {latencies.Length / seconds:N0} req/s, p50 {P(0.50)}, p99 {P(0.99)}, p99.9 {P(0.999)}, errors {errors}"));
        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Prepaid sessions per second over <paramref name="connections"/> connections, each carrying <paramref name="calls"/>
    /// lifecycles at once, and the AuthorizeEvent round trip.
    /// </summary>
    private static int Lifecycle(IPEndPoint server, int connections, int calls, int threads, double seconds, double warmup)
    {
        var clients = Enumerable.Range(0, connections).Select(i => new LifecycleConnection(i, calls, server)).ToList();
        try
        {
            clients.ForEach(c => c.Prepare());
            var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * Stopwatch.Frequency);
            var stopAt = measureFrom + (long)(seconds * Stopwatch.Frequency);
            Poller.Run(clients, threads, measureFrom, stopAt);
        }
        finally
        {
            clients.ForEach(c => c.Socket.Dispose());
        }
        var latencies = clients.SelectMany(c => c.AuthorizeMicros).Order().ToArray();
        var sessions = clients.Sum(c => c.Sessions);
        var errors = clients.Sum(c => c.Errors);
        string P(double q) => latencies.Length == 0 ? "-" : $"{latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))] / 1000.0:0.000} ms";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Lifecycle: {connections} connections x {calls} calls, {seconds:0.#} s: {sessions / seconds:N0} sessions/s ({6 * sessions / seconds:N0} req/s), AuthorizeEvent p50 {P(0.50)}, p99 {P(0.99)}, p99.9 {P(0.999)}, errors {errors}"));
        for (var step = 0; step < LifecycleConnection.Methods.Count; step++)
        {
            var micros = clients.Sum(c => c.StepMicros[step]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  step {step + 1} {LifecycleConnection.Methods[step]}: {micros / 1000.0 / Math.Max(1, sessions):0.000} ms per session"));
        }
        if (clients.FirstOrDefault(c => c.FirstError is not null)?.FirstError is { } first)
        {
            Console.WriteLine($"first error: {first}");
        }
        return errors == 0 ? 0 : 1;
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

}
