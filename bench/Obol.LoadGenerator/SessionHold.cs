using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>
/// The concurrency workload: <c>-sessions</c> prepaid calls (ten per account) initiated with a 5 s debit interval, held for
/// <c>-duration</c> seconds while the engine debits them, then terminated with ProcessCDR. Prints how long each phase
/// took; <c>bench/sessions.sh</c> samples the engine's CPU and memory meanwhile.
/// </summary>
internal static class SessionHold
{
    public static async Task<int> RunAsync(IPEndPoint server, int sessions, int connections, double seconds)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(server);
                sockets.Add(socket);
            }
            // Ten calls per account: one account's debits take turns under its lock, as they must.
            var accounts = (sessions + CallsPerAccount - 1) / CallsPerAccount;
            await ForAllAsync(sockets, accounts, async (s, a) =>
                await CallAsync(s, "APIerSv1.SetAccount", $$"""{"Tenant":"cgrates.org","Account":"hold{{a}}"}""")
                + await CallAsync(s, "APIerSv1.SetBalance",
                    $$$"""{"Tenant":"cgrates.org","Account":"hold{{{a}}}","BalanceType":"*monetary","Value":1000000,"Balance":{"ID":"hold"}}"""));
            var clock = Stopwatch.StartNew();
            var errors = await ForAllAsync(sockets, sessions, (s, i) => CallAsync(s, "SessionSv1.InitiateSession",
                $$$"""{"InitSession":true,{{{Event(i, null)}}},"APIOpts":{"*sessionsDebitInterval":"5s"}}"""));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"initiated {sessions} sessions in {clock.Elapsed.TotalSeconds:0.0} s, errors {errors}"));
            Console.WriteLine("HOLDING");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            clock.Restart();
            errors += await ForAllAsync(sockets, sessions, async (s, i) =>
                await CallAsync(s, "SessionSv1.TerminateSession", $$"""{"TerminateSession":true,{{Event(i, $"{seconds:0}s")}}}""")
                + await CallAsync(s, "SessionSv1.ProcessCDR", $$"""{{{Event(i, $"{seconds:0}s")}}}"""));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"terminated {sessions} sessions in {clock.Elapsed.TotalSeconds:0.0} s, errors {errors}"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<int> ForAllAsync(List<Socket> sockets, int sessions, Func<Socket, int, Task<int>> call)
    {
        var next = -1;
        var counts = await Task.WhenAll(sockets.Select(async socket =>
        {
            var errors = 0;
            for (var i = Interlocked.Increment(ref next); i < sessions; i = Interlocked.Increment(ref next))
            {
                errors += await call(socket, i);
            }
            return errors;
        }));
        return counts.Sum();
    }

    private const int CallsPerAccount = 10;

    private static string Event(int i, string? usage) => string.Create(CultureInfo.InvariantCulture, $$"""
        "Tenant":"cgrates.org","ID":"hold-{{i}}","Event":{"OriginID":"hold-{{i}}","OriginHost":"10.2.2.2","RequestType":"*prepaid",
        "Account":"hold{{i / CallsPerAccount}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
        "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z"{{(usage is null ? "" : $",\"Usage\":\"{usage}\"")}}}
        """);

    /// <summary>One request and its one-line answer; 1 when it is an error.</summary>
    private static async Task<int> CallAsync(Socket socket, string method, string args)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"method":"{{method}}","params":[{{args}}],"id":1}"""));
        var buffer = new byte[1 << 14];
        var filled = 0;
        while (Array.IndexOf(buffer, (byte)'\n', 0, filled) < 0)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
            if (read == 0)
            {
                throw new IOException("the server closed the connection");
            }
            filled += read;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
        return buffer.AsSpan(0, filled).IndexOf("\"error\":null"u8) >= 0 ? 0 : 1;
    }
}
