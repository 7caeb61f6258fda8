using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The real obol-engine process rating offline (its <c>seed</c> and <c>cost</c> commands) on the sample tutorial plan.</summary>
public class EngineProcessTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "obol-engine.dll"));
        start.ArgumentList.Add("-tariffplan");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(60_000), "obol-engine did not exit");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Main_SeedCommand_RatesTheTutorialsThreeCalls()
    {
        var (exit, stdout, stderr) = Run("seed");
        Assert.Equal(0, exit);
        Assert.Contains("loaded", stderr, StringComparison.Ordinal);
        var costs = stdout.Split("\ncost ").Select(part => JsonDocument.Parse(part[part.IndexOf('{', StringComparison.Ordinal)..]))
            .Select(doc => (doc.RootElement.GetProperty("Cost").GetDecimal(), doc.RootElement.GetProperty("Usage").GetInt64())).ToList();
        Assert.Equal([(0.6m, 60_000_000_000L), (0.64175m, 85_000_000_000L), (0.2m, 20_000_000_000L)], costs);
    }

    [Fact]
    public void Main_CostQueryInConsoleSyntax_PrintsGoJsonEventCost()
    {
        var (exit, stdout, _) = Run("cost", "Category=\"call\"", "Tenant=\"cgrates.org\"", "Subject=\"1001\"", "Destination=\"1002\"",
            "AnswerTime=\"2014-08-04T13:00:00Z\"", "Usage=\"2m\"");
        Assert.Equal(0, exit);
        Assert.Contains("\"Cost\": 0.7002,", stdout, StringComparison.Ordinal);
        Assert.Contains("\"StartTime\": \"2014-08-04T13:00:00Z\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_UnratedDestination_PrintsCgratesErrorAndFails()
    {
        var (exit, stdout, _) = Run("cost", "Subject=1002", "Destination=1003", "AnswerTime=2014-08-04T13:00:00Z", "Usage=20s");
        Assert.Equal(1, exit);
        Assert.Contains("SERVER_ERROR: UNAUTHORIZED_DESTINATION", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_ListenAddressTaken_NamesTheKeyAndExitsCleanly()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var address = taken.LocalEndpoint.ToString()!;
        var dataDir = Directory.CreateTempSubdirectory("obol-listen-").FullName;

        var (exit, _, stderr) = Run("-data_dir", dataDir, "-listen", address, "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0");
        Directory.Delete(dataDir, recursive: true);

        Assert.Equal(1, exit);
        Assert.Contains($"listen.rpc_json: cannot listen on {address}:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
    }
}
