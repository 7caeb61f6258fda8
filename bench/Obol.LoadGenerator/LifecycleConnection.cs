using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Obol.LoadGenerator;

/// <summary>
/// The full prepaid lifecycle, one call after another on one connection: AuthorizeEvent, InitiateSession, two
/// UpdateSession, TerminateSession and ProcessCDR, each sent when the previous one is answered. Every connection
/// charges its own account (<c>load{index}</c>, created with a large balance), so the calls of different connections
/// never contend. Driven by a <see cref="Poller"/>, with each step's request written from prebuilt UTF-8 pieces: the
/// generator shares the engine's two cores, so what it spends is taken from the engine.
/// </summary>
internal sealed class LifecycleConnection(int index, IPEndPoint server) : IPolled
{
    // Where a step's text takes the call's number.
    private const char CallMark = '\u0001';

    private static readonly string[] s_methods =
    [
        "SessionSv1.AuthorizeEvent", "SessionSv1.InitiateSession", "SessionSv1.UpdateSession", "SessionSv1.UpdateSession",
        "SessionSv1.TerminateSession", "SessionSv1.ProcessCDR",
    ];

    private readonly byte[][][] _steps = Steps(index);
    private readonly byte[] _outgoing = new byte[4096];
    private byte[] _buffer = new byte[1 << 16];
    private int _filled;
    private long _call;
    private int _step;
    private long _id;
    private long _sentAt;
    private long _callStartedAt;
    private bool _callFailed;
    private bool _waiting;

    public Socket Socket { get; } = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public List<int> AuthorizeMicros { get; } = new(1 << 16);

    /// <summary>Microseconds spent waiting for each step, to see which step a slow run spends its time in.</summary>
    public long[] StepMicros { get; } = new long[s_methods.Length];

    public static IReadOnlyList<string> Methods => s_methods;

    public long Sessions { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public bool IsDone { get; private set; }

    /// <summary>Connects and creates the connection's account, waiting for each answer.</summary>
    public void Prepare()
    {
        Socket.Connect(server);
        Exchange("APIerSv1.SetAccount", $$"""{"Tenant":"cgrates.org","Account":"load{{index}}"}""");
        Exchange("APIerSv1.SetBalance",
            $$$"""{"Tenant":"cgrates.org","Account":"load{{{index}}}","BalanceType":"*monetary","Value":1000000,"Balance":{"ID":"load"}}""");
    }

    public void Start(long stopAt) => SendNext(stopAt);

    public void OnReadable(long measureFrom, long stopAt)
    {
        var read = Socket.Receive(_buffer.AsSpan(_filled));
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _filled += read;
        var newline = _buffer.AsSpan(0, _filled).IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            return;
        }
        var now = Stopwatch.GetTimestamp();
        var line = _buffer.AsSpan(0, newline);
        var measured = _callStartedAt >= measureFrom;
        if (measured)
        {
            var micros = (now - _sentAt) * 1_000_000 / Stopwatch.Frequency;
            StepMicros[_step] += micros;
            if (_step == 0)
            {
                AuthorizeMicros.Add((int)micros);
            }
        }
        if (line.IndexOf("\"error\":null"u8) < 0)
        {
            Errors++;
            _callFailed = true;
            FirstError ??= $"{s_methods[_step]}: {Encoding.UTF8.GetString(line)}";
        }
        // One request in flight: whatever follows the reply's line is never there.
        _filled = 0;
        _waiting = false;
        if (++_step == s_methods.Length)
        {
            if (measured && !_callFailed)
            {
                Sessions++;
            }
            _step = 0;
            _call++;
            _callFailed = false;
        }
        SendNext(stopAt);
    }

    private void SendNext(long stopAt)
    {
        var now = Stopwatch.GetTimestamp();
        if (_step == 0 && now >= stopAt)
        {
            IsDone = !_waiting;
            return;
        }
        if (_step == 0)
        {
            _callStartedAt = now;
        }
        var length = 0;
        var pieces = _steps[_step];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                Utf8Formatter.TryFormat(_call, _outgoing.AsSpan(length), out var digits);
                length += digits;
            }
            pieces[i].CopyTo(_outgoing, length);
            length += pieces[i].Length;
        }
        Utf8Formatter.TryFormat(_id++, _outgoing.AsSpan(length), out var idDigits);
        length += idDigits;
        _outgoing[length++] = (byte)'}';
        _sentAt = now;
        _waiting = true;
        Socket.Send(_outgoing.AsSpan(0, length));
    }

    /// <summary>Each step's request up to its id, cut where the call's number goes.</summary>
    private static byte[][][] Steps(int index)
    {
        string Event(string usage) => string.Create(CultureInfo.InvariantCulture, $$"""
            "Tenant":"cgrates.org","ID":"ev{{index}}-{{CallMark}}","Event":{"OriginID":"load-{{index}}-{{CallMark}}","OriginHost":"10.1.1.1",
            "RequestType":"*prepaid","Account":"load{{index}}","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
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

    private void Exchange(string method, string args)
    {
        Socket.Send(Encoding.UTF8.GetBytes($$"""{"method":"{{method}}","params":[{{args}}],"id":{{_id++}}}"""));
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
}
