using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Obol.Engine.Tests.Kamailio;

/// <summary>
/// A real Kamailio (<c>/usr/sbin/kamailio</c>) with <c>samples/kamailio/kamailio.cfg</c>, on loopback ports of its own:
/// SIP over UDP, evapi on TCP (the engine dials it), and the static UAS address calls to unregistered users go to. It
/// runs in the foreground (<c>-DD -E</c>) so its main pid is the process started here and its log is its stderr.
/// </summary>
internal sealed class KamailioProcess : IAsyncDisposable
{
    private static readonly string Binary = File.Exists("/usr/sbin/kamailio") ? "/usr/sbin/kamailio" : "kamailio";
    private readonly StringBuilder _log = new();
    private readonly string _workDir;
    private Process? _process;
    private int _logOffset;

    private KamailioProcess(string workDir, int sipPort, int evapiPort, int uasPort)
    {
        _workDir = workDir;
        SipPort = sipPort;
        EvapiPort = evapiPort;
        UasPort = uasPort;
    }

    /// <summary>Kamailio's SIP port (UDP, 127.0.0.1): where SIPp callers send their INVITEs.</summary>
    public int SipPort { get; }

    /// <summary>evapi's TCP port (127.0.0.1): <c>kamailio_agent.evapi_conns[].address</c>.</summary>
    public int EvapiPort { get; }

    /// <summary>Where Kamailio sends calls to users that are not registered (<c>WITH_STATIC_UAS</c>): the SIPp callee.</summary>
    public int UasPort { get; }

    public string EvapiAddress => $"127.0.0.1:{EvapiPort}";

    public string SipAddress => $"127.0.0.1:{SipPort}";

    /// <summary>Everything every run of this Kamailio logged (stderr with <c>-E</c>), restarts included.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>What the current run logged.</summary>
    public string CurrentLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString(_logOffset, _log.Length - _logOffset);
            }
        }
    }

    /// <summary>Starts Kamailio on free loopback ports; fails (not skips) when Kamailio is not installed.</summary>
    public static async Task<KamailioProcess> StartAsync(string workDir)
    {
        RequireInstalled("kamailio", "/usr/sbin/kamailio", "apt-get install kamailio kamailio-extra-modules kamailio-json-modules");
        var kamailio = new KamailioProcess(workDir, FreePort(SocketType.Dgram), FreePort(SocketType.Stream), FreePort(SocketType.Dgram));
        await kamailio.LaunchAsync();
        return kamailio;
    }

    /// <summary>Stops Kamailio and starts it again on the same ports (the engine has to reconnect).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>TERM to the main pid (the children exit with it), as Kamailio is meant to be stopped.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        _process = null;
        try
        {
            if (!process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            // The children close their sockets as they exit; wait until the ports are free again.
            for (var i = 0; i < 100 && (Listening("udp", SipPort) || Listening("tcp", EvapiPort)); i++)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Waits until the current run has logged <paramref name="text"/> (e.g. the engine's evapi connection).</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!CurrentLog.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Kamailio did not log \"{text}\" within {timeout.TotalSeconds} s. Its log:\n{CurrentLog}");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_workDir))
        {
            try
            {
                Directory.Delete(_workDir, recursive: true);
            }
            catch (IOException)
            {
                // a child still removing its FIFO; the temp dir gets cleaned some day
            }
        }
    }

    private async Task LaunchAsync()
    {
        var run = Path.Combine(_workDir, "run");
        Directory.CreateDirectory(run);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _workDir,
        };
        foreach (var arg in new[]
                 {
                     "-f", Path.Combine(AppContext.BaseDirectory, "samples", "kamailio", "kamailio.cfg"),
                     "-DD", "-E", "-Y", run, "-P", Path.Combine(_workDir, "kamailio.pid"), "-m", "64", "-M", "8",
                     "-A", $"SIP_LISTEN=udp:127.0.0.1:{SipPort}",
                     "-A", $"EVAPI_BIND=\"127.0.0.1:{EvapiPort}\"",
                     "-A", "WITH_STATIC_UAS",
                     "-A", $"STATIC_UAS_HOSTPORT=\"127.0.0.1:{UasPort}\"",
                 })
        {
            start.ArgumentList.Add(arg);
        }
        lock (_log)
        {
            _logOffset = _log.Length;
            _log.AppendLine(CultureInfo.InvariantCulture,
                $"===== kamailio start {DateTime.Now:HH:mm:ss.fff} (sip {SipPort}, evapi {EvapiPort}, uas {UasPort})");
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var clock = Stopwatch.StartNew();
        while (!(Listening("udp", SipPort) && Listening("tcp", EvapiPort)))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail($"Kamailio did not listen on udp {SipPort} and tcp {EvapiPort} (exited: {process.HasExited}). "
                    + $"Its log:\n{CurrentLog}");
            }
            await Task.Delay(20);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Append(DateTime.Now.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture)).AppendLine(line);
        }
    }

    /// <summary>
    /// Whether a socket listens on 127.0.0.1:<paramref name="port"/>, read from /proc/net (connecting to evapi to find out
    /// would make Kamailio take the probe for the charging engine).
    /// </summary>
    private static bool Listening(string protocol, int port)
    {
        var local = $"0100007F:{port:X4}";
        foreach (var line in File.ReadLines($"/proc/net/{protocol}").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // TCP: state 0A is LISTEN; UDP: 07 is an unconnected (bound) socket
            if (fields.Length > 3 && fields[1] == local && fields[3] == (protocol == "tcp" ? "0A" : "07"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A loopback port nothing is bound to right now (the OS's pick), for UDP or TCP.</summary>
    internal static int FreePort(SocketType type)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The end-to-end tests need the real programs: without them they fail, with the way to get them.</summary>
    internal static void RequireInstalled(string program, string usualPath, string install)
    {
        var found = File.Exists(usualPath)
            || (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
        Assert.True(found,
            $"{program} is not installed (looked for {usualPath} and on PATH); the Kamailio end-to-end tests need it: {install}");
    }
}
