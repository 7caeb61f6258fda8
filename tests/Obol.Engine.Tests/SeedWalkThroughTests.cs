using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>
/// The seed's walk-through from a shell: obol-engine with the FreeSWITCH tutorial config on a fresh data directory,
/// obol-loader loading the tutorial plan, obol-console's commands, then SIGKILL and a restart that finds every account
/// as it was.
/// </summary>
public sealed class SeedWalkThroughTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"obol-e2e-{Guid.NewGuid():N}");

    private static string[] EngineArgs(string dataDir) =>
    [
        "-config_path", Path.Combine(AppContext.BaseDirectory, "data", "configs", "fs_evsock"), "-logger", "*stdout", "-data_dir", dataDir,
        "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
    ];

    [Fact]
    public async Task WalkThrough_LoaderConsoleAndSigkill_AccountsSurviveTheRestart()
    {
        string before;
        using (var engine = ObolProcess.Start("obol-engine", EngineArgs(_dataDir)))
        {
            var server = (await engine.ListeningAsync()).ToString();
            var (loaderExit, loaderOut, loaderErr) = await ObolProcess.RunAsync("obol-loader",
                "-path", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"), "-caches_address", server);
            Assert.True(loaderExit == 0, loaderErr);
            Assert.Contains("Destinations.csv", loaderOut, StringComparison.Ordinal);

            foreach (var account in new[] { "1001", "1002" })
            {
                var accounts = await ConsoleJsonAsync(server, $"accounts Tenant=\"cgrates.org\" AccountIds=[\"{account}\"]");
                var balance = accounts[0].GetProperty("BalanceMap").GetProperty("*monetary")[0];
                Assert.Equal(10m, balance.GetProperty("Value").GetDecimal());
            }

            foreach (var (destination, usage, cost) in new[] { ("1002", "20s", 0.6m), ("1002", "1m25s", 0.64175m), ("1003", "20s", 0.2m) })
            {
                var reply = await ConsoleJsonAsync(server,
                    $"cost Category=\"call\" Tenant=\"cgrates.org\" Subject=\"1001\" Destination=\"{destination}\" AnswerTime=\"2014-08-04T13:00:00Z\" Usage=\"{usage}\"");
                Assert.Equal(cost, reply.GetProperty("Cost").GetDecimal());
            }

            Assert.Equal("OK", (await ConsoleJsonAsync(server,
                "balance_set Tenant=\"cgrates.org\" Account=\"1003\" Value=23 BalanceType=\"*monetary\" Balance={\"ID\":\"MonetaryBalance\"}")).GetString());
            await engine.WaitForOutputAsync("LOG Account: {\"ID\":\"cgrates.org:1003\"");

            Assert.Equal("OK", (await ConsoleJsonAsync(server,
                "balance_set Tenant=\"cgrates.org\" Account=\"1001\" Value=101 BalanceType=\"*monetary\" Balance={\"ID\":\"MonetaryBalance\"}")).GetString());
            var disabled = await ConsoleJsonAsync(server, "accounts Tenant=\"cgrates.org\" AccountIds=[\"1001\"]");
            Assert.True(disabled[0].GetProperty("Disabled").GetBoolean());

            before = (await ConsoleJsonAsync(server, "accounts Tenant=\"cgrates.org\" AccountIds=[\"1001\",\"1002\",\"1003\"]")).GetRawText();
            engine.Signal("KILL");
            await engine.WaitForExitAsync();
        }

        using var restarted = ObolProcess.Start("obol-engine", EngineArgs(_dataDir));
        var again = (await restarted.ListeningAsync()).ToString();
        var after = (await ConsoleJsonAsync(again, "accounts Tenant=\"cgrates.org\" AccountIds=[\"1001\",\"1002\",\"1003\"]")).GetRawText();
        Assert.Equal(before, after);
        // The rating data came back from the store too, without the folder.
        Assert.Equal(0.64175m, (await ConsoleJsonAsync(again,
            "cost Category=\"call\" Tenant=\"cgrates.org\" Subject=\"1001\" Destination=\"1002\" AnswerTime=\"2014-08-04T13:00:00Z\" Usage=\"1m25s\"")).GetProperty("Cost").GetDecimal());
        restarted.Signal("TERM");
        Assert.Equal(0, await restarted.WaitForExitAsync());
    }

    [Fact]
    public async Task Loader_BrokenPlan_ReportsFileAndLineAndLoadsNothing()
    {
        var broken = Path.Combine(_dataDir, "broken");
        Directory.CreateDirectory(broken);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial")))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }
        File.AppendAllText(Path.Combine(broken, "Rates.csv"), "RT_BROKEN,abc,0.2,60s,60s,0s\n");
        var lines = File.ReadAllLines(Path.Combine(broken, "Rates.csv")).Length;
        var (exit, _, stderr) = await ObolProcess.RunAsync("obol-loader", "-path", broken, "-caches_address", "127.0.0.1:1");
        Assert.Equal(1, exit);
        Assert.Contains($"Rates.csv:{lines}:", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing loaded", stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ConsoleJsonAsync(string server, string command)
    {
        var (exit, stdout, stderr) = await ObolProcess.RunAsync("obol-console", "-server", server, command);
        Assert.True(exit == 0 && !stdout.StartsWith("Error", StringComparison.Ordinal), $"{command}: {stdout}{stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
