using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>
/// The full prepaid lifecycle, one call after another on each connection: AuthorizeEvent, InitiateSession,
/// two UpdateSession, TerminateSession and ProcessCDR, each waiting for its answer. Every connection charges its own
/// account (<c>load{index}</c>, created with a large balance), so the calls of different connections never contend.
/// Counts completed sessions and records the AuthorizeEvent round trip.
/// </summary>
internal sealed class SessionLifecycle(int index, IPEndPoint server) : IDisposable
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private Socket? _socket;
    private long _id;

    public List<int> AuthorizeMicros { get; } = new(1 << 16);

    /// <summary>Total microseconds spent waiting for each method, to see which step a slow run spends its time in.</summary>
    public Dictionary<string, long> MethodMicros { get; } = [];

    public long Sessions { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public async Task PrepareAsync()
    {
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _socket.ConnectAsync(server);
        await CallAsync("APIerSv1.SetAccount", $$"""{"Tenant":"cgrates.org","Account":"load{{index}}"}""");
        await CallAsync("APIerSv1.SetBalance",
            $$$"""{"Tenant":"cgrates.org","Account":"load{{{index}}}","BalanceType":"*monetary","Value":1000000,"Balance":{"ID":"load"}}""");
    }

    public async Task RunAsync(long measureFrom, long stopAt)
    {
        for (var call = 0L; Stopwatch.GetTimestamp() < stopAt; call++)
        {
            var ev = Event(call);
            var started = Stopwatch.GetTimestamp();
            var ok = await CallAsync("SessionSv1.AuthorizeEvent", $$"""{"GetMaxUsage":true,{{ev}}}""");
            if (started >= measureFrom)
            {
                AuthorizeMicros.Add((int)((Stopwatch.GetTimestamp() - started) * 1_000_000 / Stopwatch.Frequency));
            }
            ok &= await CallAsync("SessionSv1.InitiateSession", $$$"""{"InitSession":true,{{{ev}}},"APIOpts":{"*sessionsDebitInterval":"0s"}}""");
            ok &= await CallAsync("SessionSv1.UpdateSession", $$"""{"UpdateSession":true,{{ev}}}""");
            ok &= await CallAsync("SessionSv1.UpdateSession", $$"""{"UpdateSession":true,{{ev}}}""");
            ok &= await CallAsync("SessionSv1.TerminateSession", $$"""{"TerminateSession":true,{{Event(call, "95s")}}}""");
            ok &= await CallAsync("SessionSv1.ProcessCDR", $$"""{{{Event(call, "95s")}}}""");
            if (ok && started >= measureFrom)
            {
                Sessions++;
            }
        }
    }

    public void Dispose() => _socket?.Dispose();

    private string Event(long call, string usage = "30s") => string.Create(CultureInfo.InvariantCulture, $$"""
        "Tenant":"cgrates.org","ID":"ev{{index}}-{{call}}","Event":{"OriginID":"load-{{index}}-{{call}}","OriginHost":"10.1.1.1",
        "RequestType":"*prepaid","Account":"load{{index}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
        "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z","Usage":"{{usage}}"}
        """);

    /// <summary>One request, waiting for its answer (a Go net/rpc JSON reply is one line); false when it is an error.</summary>
    private async Task<bool> CallAsync(string method, string args)
    {
        var id = _id++;
        var request = Encoding.UTF8.GetBytes($$"""{"method":"{{method}}","params":[{{args}}],"id":{{id}}}""");
        var sent = Stopwatch.GetTimestamp();
        await _socket!.SendAsync(request);
        var filled = 0;
        while (true)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled));
            if (read == 0)
            {
                throw new IOException("the server closed the connection");
            }
            filled += read;
            var newline = Array.IndexOf(_buffer, (byte)'\n', 0, filled);
            if (newline < 0)
            {
                continue;
            }
            var line = _buffer.AsSpan(0, newline);
            MethodMicros[method] = MethodMicros.GetValueOrDefault(method) + ((Stopwatch.GetTimestamp() - sent) * 1_000_000 / Stopwatch.Frequency);
            if (line.IndexOf("\"error\":null"u8) >= 0)
            {
                return true;
            }
            Errors++;
            FirstError ??= $"{method}: {Encoding.UTF8.GetString(line)}";
            return false;
        }
    }
}
