using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>
/// The full prepaid lifecycle on one connection: AuthorizeEvent, InitiateSession, two UpdateSession,
/// TerminateSession and ProcessCDR, each step sent when the previous one is answered. <c>calls</c> lifecycles run at
/// once on the connection, multiplexed by request id as CGRateS's rpcclient and the agents' connections carry them;
/// with one, the connection waits for each answer. Every call slot charges its own account (<c>load{slot}</c>, created
/// with a large balance), so no two calls contend. Driven by a <see cref="Poller"/>, with each step's request written
/// from prebuilt UTF-8 pieces: the generator shares the engine's two cores, so what it spends is taken from the engine.
/// </summary>
internal sealed class LifecycleConnection(int index, int calls, IPEndPoint server) : IPolled
{
    // Where a step's text takes the call's number.
    private const char CallMark = '\u0001';

    private static readonly string[] s_methods =
    [
        "SessionSv1.AuthorizeEvent", "SessionSv1.InitiateSession", "SessionSv1.UpdateSession", "SessionSv1.UpdateSession",
        "SessionSv1.TerminateSession", "SessionSv1.ProcessCDR",
    ];

    private readonly Slot[] _slots = [.. Enumerable.Range(index * calls, calls).Select(account => new Slot(account))];
    private byte[] _outgoing = new byte[4096];
    private int _unsent;
    private byte[] _buffer = new byte[1 << 16];
    private int _filled;
    private int _waiting;
    private long _setupId;

    public Socket Socket { get; } = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public List<int> AuthorizeMicros { get; } = new(1 << 16);

    /// <summary>Microseconds spent waiting for each step, to see which step a slow run spends its time in.</summary>
    public long[] StepMicros { get; } = new long[s_methods.Length];

    public static IReadOnlyList<string> Methods => s_methods;

    public long Sessions { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public bool IsDone { get; private set; }

    /// <summary>Connects and creates each call slot's account, waiting for each answer.</summary>
    public void Prepare()
    {
        Socket.Connect(server);
        foreach (var slot in _slots)
        {
            Exchange("APIerSv1.SetAccount", $$"""{"Tenant":"cgrates.org","Account":"load{{slot.Account}}"}""");
            Exchange("APIerSv1.SetBalance",
                $$$"""{"Tenant":"cgrates.org","Account":"load{{{slot.Account}}}","BalanceType":"*monetary","Value":1000000,"Balance":{"ID":"load"}}""");
        }
    }

    public void Start(long stopAt)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            Queue(i, stopAt, Stopwatch.GetTimestamp());
        }
        Flush(stopAt);
    }

    public void OnReadable(long measureFrom, long stopAt)
    {
        if (_filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = Socket.Receive(_buffer.AsSpan(_filled));
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _filled += read;
        var now = Stopwatch.GetTimestamp();
        var start = 0;
        int newline;
        while ((newline = _buffer.AsSpan(start, _filled - start).IndexOf((byte)'\n')) >= 0)
        {
            OnReply(_buffer.AsSpan(start, newline), now, measureFrom, stopAt);
            start += newline + 1;
        }
        _buffer.AsSpan(start, _filled - start).CopyTo(_buffer);
        _filled -= start;
        Flush(stopAt);
    }

    private void OnReply(ReadOnlySpan<byte> line, long now, long measureFrom, long stopAt)
    {
        // Replies begin {"id":N — the id says which call slot the reply is for.
        if (!line.StartsWith("{\"id\":"u8) || !Utf8Parser.TryParse(line[6..], out long id, out _))
        {
            throw new IOException($"unexpected reply: {Encoding.UTF8.GetString(line)}");
        }
        var slotIndex = (int)(id % _slots.Length);
        var slot = _slots[slotIndex];
        _waiting--;
        var measured = slot.CallStartedAt >= measureFrom;
        if (measured)
        {
            var micros = (now - slot.SentAt) * 1_000_000 / Stopwatch.Frequency;
            StepMicros[slot.Step] += micros;
            if (slot.Step == 0)
            {
                AuthorizeMicros.Add((int)micros);
            }
        }
        if (line.IndexOf("\"error\":null"u8) < 0)
        {
            Errors++;
            slot.CallFailed = true;
            FirstError ??= $"{s_methods[slot.Step]}: {Encoding.UTF8.GetString(line)}";
        }
        if (++slot.Step == s_methods.Length)
        {
            if (measured && !slot.CallFailed)
            {
                Sessions++;
            }
            slot.Step = 0;
            slot.Call++;
            slot.CallFailed = false;
        }
        Queue(slotIndex, stopAt, now);
    }

    /// <summary>Writes the slot's next step after what is already waiting to go, unless the run is over.</summary>
    private void Queue(int slotIndex, long stopAt, long now)
    {
        var slot = _slots[slotIndex];
        if (slot.Step == 0 && now >= stopAt)
        {
            return;
        }
        if (slot.Step == 0)
        {
            slot.CallStartedAt = now;
        }
        if (_outgoing.Length - _unsent < 2048)
        {
            Array.Resize(ref _outgoing, _outgoing.Length * 2);
        }
        var pieces = slot.Steps[slot.Step];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                Utf8Formatter.TryFormat(slot.Call, _outgoing.AsSpan(_unsent), out var digits);
                _unsent += digits;
            }
            pieces[i].CopyTo(_outgoing, _unsent);
            _unsent += pieces[i].Length;
        }
        Utf8Formatter.TryFormat(slot.NextId++ * _slots.Length + slotIndex, _outgoing.AsSpan(_unsent), out var idDigits);
        _unsent += idDigits;
        _outgoing[_unsent++] = (byte)'}';
        slot.SentAt = now;
        _waiting++;
    }

    // The requests one read freed leave together, as a multiplexing client's writer sends what has queued.
    private void Flush(long stopAt)
    {
        if (_unsent > 0)
        {
            Socket.Send(_outgoing.AsSpan(0, _unsent));
            _unsent = 0;
        }
        IsDone = _waiting == 0 && Stopwatch.GetTimestamp() >= stopAt;
    }

    private void Exchange(string method, string args)
    {
        Socket.Send(Encoding.UTF8.GetBytes($$"""{"method":"{{method}}","params":[{{args}}],"id":{{_setupId++}}}"""));
        var filled = 0;
        int newline;
        while ((newline = _buffer.AsSpan(0, filled).IndexOf((byte)'\n')) < 0)
        {
            var read = Socket.Receive(_buffer.AsSpan(filled));
            filled += read > 0 ? read : throw new IOException("the server closed the connection");
        }
        if (_buffer.AsSpan(0, newline).IndexOf("\"error\":null"u8) < 0)
        {
            throw new InvalidOperationException($"{method}: {Encoding.UTF8.GetString(_buffer, 0, newline)}");
        }
    }

    /// <summary>One call slot: its account, its prebuilt requests and where its current call is.</summary>
    private sealed class Slot(int account)
    {
        public int Account { get; } = account;

        public byte[][][] Steps { get; } = BuildSteps(account);

        public long Call { get; set; }

        public int Step { get; set; }

        public long NextId { get; set; }

        public long SentAt { get; set; }

        public long CallStartedAt { get; set; }

        public bool CallFailed { get; set; }

        /// <summary>Each step's request up to its id, cut where the call's number goes.</summary>
        private static byte[][][] BuildSteps(int account)
        {
            string Event(string usage) => string.Create(CultureInfo.InvariantCulture, $$"""
                "Tenant":"cgrates.org","ID":"ev{{account}}-{{CallMark}}","Event":{"OriginID":"load-{{account}}-{{CallMark}}","OriginHost":"10.1.1.1",
                "RequestType":"*prepaid","Account":"load{{account}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
                "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z","Usage":"{{usage}}"}
                """);
            string[] args =
            [
                $$"""{"GetMaxUsage":true,{{Event("30s")}}}""",
                $$$"""{"InitSession":true,{{{Event("30s")}}},"APIOpts":{"*sessionsDebitInterval":"0s"}}""",
                $$"""{"UpdateSession":true,{{Event("30s")}}}""",
                $$"""{"UpdateSession":true,{{Event("30s")}}}""",
                $$"""{"TerminateSession":true,{{Event("95s")}}}""",
                $$"""{{{Event("95s")}}}""",
            ];
            return [.. args.Select((a, i) => $$"""{"method":"{{s_methods[i]}}","params":[{{a}}],"id":""".Split(CallMark).Select(Encoding.UTF8.GetBytes).ToArray())];
        }
    }
}
