using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>One of Obol's programs (obol-engine, obol-loader, obol-console) run as a real process from the test output.</summary>
internal sealed class ObolProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IPEndPoint> _birpc = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ObolProcess(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program + ".dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            Append(_stderr, e.Data);
            const string marker = "listening on ";
            if (e.Data is { } line && line.StartsWith(marker, StringComparison.Ordinal) && line.EndsWith("(JSON-RPC)", StringComparison.Ordinal))
            {
                _listening.TrySetResult(IPEndPoint.Parse(line[marker.Length..].Split(' ')[0]));
            }
            if (e.Data is { } bi && bi.StartsWith(marker, StringComparison.Ordinal) && bi.EndsWith("(BiRPC)", StringComparison.Ordinal))
            {
                _birpc.TrySetResult(IPEndPoint.Parse(bi[marker.Length..].Split(' ')[0]));
            }
        };
        _process.Exited += (_, _) =>
        {
            _listening.TrySetException(new InvalidOperationException($"{program} exited before listening: {Stderr}"));
            _birpc.TrySetException(new InvalidOperationException($"{program} exited before listening on BiRPC: {Stderr}"));
        };
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public static ObolProcess Start(string program, params string[] args) => new(program, args);

    /// <summary>Runs to completion: exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, params string[] args)
    {
        using var p = new ObolProcess(program, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p._process.WaitForExitAsync(timeout.Token);
        return (p._process.ExitCode, p.Stdout, p.Stderr);
    }

    public Task<IPEndPoint> ListeningAsync() => _listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>The BiRPC listener's address (SessionS on), as the engine printed it.</summary>
    public Task<IPEndPoint> BiRpcListeningAsync() => _birpc.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until the program has printed <paramref name="text"/> on stdout.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        for (var i = 0; i < 200 && !Stdout.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(text, Stdout, StringComparison.Ordinal);
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (into)
        {
            into.AppendLine(line);
        }
    }
}
