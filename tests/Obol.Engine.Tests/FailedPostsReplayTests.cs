using System.Net;
using System.Net.Sockets;
using System.Text;
using Obol.Api.JsonRpc;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>An *http_post exporter whose receiver is down leaves a failed post; APIerSv1.ReplayFailedPosts sends it once
/// the receiver is back and removes it.</summary>
public sealed class FailedPostsReplayTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"obol-replay-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task ReplayFailedPosts_ReceiverBackUp_PostDeliveredAndFileRemoved()
    {
        var port = FreePort();
        var failed = Path.Combine(_dir, "failed");
        Directory.CreateDirectory(Path.Combine(_dir, "config"));
        File.WriteAllText(Path.Combine(_dir, "config", "cgrates.json"), $$$"""
            {"ees": {"enabled": true, "exporters": [{"id": "poster", "type": "*http_post",
              "export_path": "http://127.0.0.1:{{{port}}}/cdr", "synchronous": true, "attempts": 1,
              "failed_posts_dir": "{{{failed}}}",
              "fields": [{"tag": "Account", "path": "*exp.Account", "type": "*variable", "value": "~*req.Account"}]}]}}
            """);
        using var engine = ObolProcess.Start("obol-engine", ["-config_path", Path.Combine(_dir, "config"), "-data_dir", Path.Combine(_dir, "data"),
            "-logger", "*stdout", "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0"]);
        await using var client = await JsonRpcClient.ConnectAsync(await engine.ListeningAsync());

        var first = await client.CallRawAsync("EeSv1.ProcessEvent",
            Encoding.UTF8.GetBytes("""{"EeIDs":["poster"],"Tenant":"cgrates.org","ID":"e1","Event":{"Account":"1001"}}"""));
        Assert.Equal("PARTIALLY_EXECUTED", first.Error);
        Assert.Single(Directory.GetFiles(failed));

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveAsync(listener);
        // As in CGRateS, an empty SourcePath means ees.failed_posts.dir; this exporter keeps its own directory.
        var replay = await client.CallRawAsync("APIerSv1.ReplayFailedPosts",
            Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { SourcePath = failed })));

        Assert.Null(replay.Error);
        Assert.Equal("Account=1001", await received.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Empty(Directory.GetFiles(failed));
    }

    private static async Task<string> ReceiveAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.Close();
        return body;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
