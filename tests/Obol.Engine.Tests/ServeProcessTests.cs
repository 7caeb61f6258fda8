using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The real engine process serving CGRateS JSON-RPC: the seed's checks over TCP, then SIGTERM.</summary>
public class ServeProcessTests
{
    [Fact]
    public async Task Serve_SeedWalkThroughOverTcp_AnswersAndStopsOnSigterm()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"obol-serve-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "obol-engine.dll"), "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-data_dir", dataDir,
            "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial") })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        try
        {
            var endPoint = await ListeningEndPointAsync(process);
            await using var client = await JsonRpcClient.ConnectAsync(endPoint);
            var cost = await CallAsync(client, "APIerSv1.GetCost",
                "{\"Tenant\":\"cgrates.org\",\"Category\":\"call\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"1m25s\"}");
            Assert.Equal(0.64175m, cost.GetProperty("Cost").GetDecimal());
            var account = await CallAsync(client, "APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"1002\"}");
            Assert.Equal(10m, account.GetProperty("BalanceMap").GetProperty("*monetary")[0].GetProperty("Value").GetDecimal());
            var set = await CallAsync(client, "APIerSv1.SetBalance",
                "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\",\"Value\":101,\"BalanceType\":\"*monetary\",\"Balance\":{\"ID\":\"MonetaryBalance\"}}");
            Assert.Equal("OK", set.GetString());
            var disabled = await CallAsync(client, "APIerSv2.GetAccount", "{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\"}");
            Assert.True(disabled.GetProperty("Disabled").GetBoolean());
            Assert.Equal("Pong", (await CallAsync(client, "CoreSv1.Ping", "{}")).GetString());
        }
        finally
        {
            Kill(process.Id, "TERM");
            Assert.True(process.WaitForExit(30_000), "engine did not stop on SIGTERM");
            Directory.Delete(dataDir, recursive: true);
        }
        Assert.Equal(0, process.ExitCode);
    }

    private static async Task<JsonElement> CallAsync(JsonRpcClient client, string method, string args)
    {
        var reply = await client.CallRawAsync(method, Encoding.UTF8.GetBytes(args));
        Assert.Null(reply.Error);
        return JsonDocument.Parse(reply.Result).RootElement.Clone();
    }

    private static async Task<IPEndPoint> ListeningEndPointAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            const string marker = "listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return IPEndPoint.Parse(line[(at + marker.Length)..].Split(' ')[0]);
            }
        }
        throw new InvalidOperationException("engine exited before listening");
    }

    private static void Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
    }
}
