using System.Net.Sockets;

namespace Obol.LoadGenerator;

/// <summary>
/// Drives connections from one thread: waits (poll) until some of them are readable and serves those. One wait
/// answers many replies under load, where a task per connection would pay a wake-up and a thread hop for each.
/// </summary>
internal static class Poller
{
    private const int WaitMicros = 100_000;

    /// <summary>Runs <paramref name="connections"/> on <paramref name="threads"/> threads until each is done.</summary>
    public static void Run(IReadOnlyList<IPolled> connections, int threads, long measureFrom, long stopAt)
    {
        var workers = Enumerable.Range(0, threads)
            .Select(t => connections.Where((_, i) => i % threads == t).ToList())
            .Where(share => share.Count > 0)
            .Select(share => new Thread(() => Serve(share, measureFrom, stopAt)) { IsBackground = true })
            .ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }

    private static void Serve(List<IPolled> connections, long measureFrom, long stopAt)
    {
        var bySocket = connections.ToDictionary(c => c.Socket);
        foreach (var connection in connections)
        {
            connection.Start(stopAt);
        }
        var readable = new List<Socket>(connections.Count);
        while (true)
        {
            readable.Clear();
            foreach (var connection in connections)
            {
                if (!connection.IsDone)
                {
                    readable.Add(connection.Socket);
                }
            }
            if (readable.Count == 0)
            {
                return;
            }
            Socket.Select(readable, null, null, WaitMicros);
            foreach (var socket in readable)
            {
                bySocket[socket].OnReadable(measureFrom, stopAt);
            }
        }
    }
}
