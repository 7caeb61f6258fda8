using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>
/// One real SIPp (<c>/usr/bin/sipp</c>) run of a scenario from <c>data/sipp</c>, on 127.0.0.1 with an explicit
/// <c>-p</c> port, always bounded by <c>-m</c> and <c>-timeout</c> and without stdin. The message trace tells which
/// messages it got and when.
/// </summary>
internal sealed class Sipp : IDisposable
{
    private static readonly string Binary = File.Exists("/usr/bin/sipp") ? "/usr/bin/sipp" : "sipp";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _messageFile;

    private Sipp(string name, string workDir, IEnumerable<string> args)
    {
        KamailioProcess.RequireInstalled("sipp", "/usr/bin/sipp", "apt-get install sip-tester");
        Directory.CreateDirectory(workDir);
        Name = name;
        _messageFile = Path.Combine(workDir, $"sipp-{name}.msg");
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir,
        };
        var traces = new[]
        {
            "-trace_msg", "-message_file", _messageFile, "-trace_err", "-error_file", Path.Combine(workDir, $"sipp-{name}.err"),
        };
        foreach (var arg in args.Concat(traces))
        {
            start.ArgumentList.Add(arg);
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>
    /// The callee: answers <paramref name="calls"/> INVITEs (180, 200 with SDP) and the BYE that ends each, whoever sends
    /// it (the caller through Kamailio, or Kamailio's dialog module when it ends the call).
    /// </summary>
    public static Sipp StartUas(string workDir, int port, int calls, TimeSpan timeout, string name = "uas") =>
        new(name, workDir,
            ["-sf", Scenario("uas.xml"), "-i", "127.0.0.1", "-p", Port(port), "-m", Port(calls), "-nostdin", "-timeout", Seconds(timeout)]);

    /// <summary>
    /// A caller of one call: <paramref name="caller"/> calls <paramref name="callee"/> through Kamailio at
    /// <paramref name="proxy"/>. With <c>uac.xml</c> it hangs up after <paramref name="talk"/>; with
    /// <c>uac_wait_bye.xml</c> it waits for the network's BYE. The call's SIP Call-ID is <see cref="CallId"/>.
    /// </summary>
    public static Sipp StartUac(string workDir, string scenario, string proxy, int port, string caller, string callee, TimeSpan timeout,
        TimeSpan? talk = null, string name = "uac")
    {
        // -cid_str: "%u" is the call number, 1 for the only call, so the Call-ID is known up front.
        var prefix = $"obol-{name}-{Guid.NewGuid():N}";
        var args = new List<string>
        {
            proxy, "-sf", Scenario(scenario), "-s", callee, "-key", "caller", caller, "-i", "127.0.0.1", "-p", Port(port), "-m", "1",
            "-cid_str", prefix + "-%u@%s", "-nostdin", "-timeout", Seconds(timeout),
        };
        if (talk is { } d)
        {
            args.AddRange(["-d", ((int)d.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        }
        return new Sipp(name, workDir, args) { CallId = prefix + "-1@127.0.0.1" };
    }

    /// <summary>The SIP Call-ID of a caller's call (Kamailio's OriginID); empty for a callee.</summary>
    public string CallId { get; private init; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Waits for SIPp to finish (it is bounded by its own <c>-timeout</c>) and reads what it did. After
    /// <paramref name="limit"/> it is killed: a failure, unless <paramref name="killIsFine"/> (a callee whose caller
    /// already failed).
    /// </summary>
    public async Task<SippResult> WaitAsync(TimeSpan? limit = null, bool killIsFine = false)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            Assert.True(killIsFine, $"SIPp {Name} did not exit by itself. Its output:\n{Output}");
        }
        var messages = File.Exists(_messageFile) ? await File.ReadAllTextAsync(_messageFile) : "";
        return new SippResult(Name, _process.ExitCode, Counter("Successful call"), Counter("Failed call"), TraceMessage.Parse(messages),
            Output, messages);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    /// <summary>The cumulative value of a row of SIPp's final statistics screen, -1 when absent.</summary>
    private int Counter(string row)
    {
        var matches = Regex.Matches(Output, $@"^\s*{Regex.Escape(row)}\s*\|\s*\d+\s*\|\s*(\d+)", RegexOptions.Multiline);
        return matches.Count == 0 ? -1 : int.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Scenario(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "sipp", file);
        Assert.True(File.Exists(path), $"SIPp scenario {path} is missing from the test output");
        return path;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => $"{(int)Math.Ceiling(t.TotalSeconds)}s";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>How a SIPp run ended: its exit code (0 when every call succeeded), the call counters, the messages it traced.</summary>
internal sealed record SippResult(
    string Name, int ExitCode, int Successful, int Failed, IReadOnlyList<TraceMessage> Messages, string Output, string Trace)
{
    /// <summary>Whether a BYE request reached this SIPp (for a caller: the network hung up on it).</summary>
    public bool ReceivedBye => Messages.Any(m => m.Received && m.FirstLine.StartsWith("BYE ", StringComparison.Ordinal));

    /// <summary>When the first 200 OK to the INVITE arrived (the caller) or was sent (the callee).</summary>
    public DateTime? AnsweredAt =>
        Messages.FirstOrDefault(m => m.FirstLine.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && m.CSeqMethod == "INVITE")?.At;

    /// <summary>When the first BYE was sent or received.</summary>
    public DateTime? ByeAt => Messages.FirstOrDefault(m => m.FirstLine.StartsWith("BYE ", StringComparison.Ordinal))?.At;

    /// <summary>From the answer to the BYE: how long the call talked.</summary>
    public TimeSpan? Talked => AnsweredAt is { } answered && ByeAt is { } bye ? bye - answered : null;

    /// <summary>Everything to explain a failure.</summary>
    public override string ToString() =>
        $"SIPp {Name}: exit {ExitCode}, successful {Successful}, failed {Failed}\n--- messages:\n{Trace}\n--- output:\n{Output}";
}

/// <summary>One message of SIPp's <c>-trace_msg</c> file.</summary>
internal sealed partial record TraceMessage(DateTime At, bool Received, string FirstLine, string CSeqMethod)
{
    public static IReadOnlyList<TraceMessage> Parse(string trace)
    {
        var messages = new List<TraceMessage>();
        // ----------------------------------------------- 2026-11-26 08:28:37.640222
        // UDP message received [354] bytes :   |   UDP message sent (497 bytes):
        //
        // <first line>
        foreach (Match m in Header().Matches(trace))
        {
            var at = DateTime.ParseExact(m.Groups["at"].Value, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            var bodyStart = m.Index + m.Length;
            var next = trace.IndexOf("\n-----------------------------------------------", bodyStart, StringComparison.Ordinal);
            var body = next < 0 ? trace[bodyStart..] : trace[bodyStart..next];
            var cseq = CSeq().Match(body);
            messages.Add(new TraceMessage(at, m.Groups["dir"].Value == "received", m.Groups["first"].Value.TrimEnd('\r'),
                cseq.Success ? cseq.Groups[1].Value : ""));
        }
        return messages;
    }

    [GeneratedRegex(
        @"^-{20,} (?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})\s*\n\S+ message (?<dir>received|sent)[^\n]*\n\s*\n(?<first>[^\n]*)",
        RegexOptions.Multiline)]
    private static partial Regex Header();

    [GeneratedRegex(@"^CSeq:\s*\d+\s+(\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CSeq();
}
