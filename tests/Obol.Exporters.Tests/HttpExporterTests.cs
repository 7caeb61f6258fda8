using System.Net;
using System.Net.Sockets;
using Obol.Config;
using Obol.Primitives;
using Xunit;

namespace Obol.Exporters.Tests;

/// <summary>A local HTTP server that records requests and answers with the next status in its script (then 200).</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<int> _statuses;
    private readonly Task _loop;

    public RecordingServer(params int[] statuses)
    {
        _statuses = new Queue<int>(statuses);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/cdrs/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public List<(string ContentType, string Body, string? Custom)> Requests { get; } = [];

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            lock (Requests)
            {
                Requests.Add((context.Request.ContentType ?? "", body, context.Request.Headers["X-Origin"]));
                context.Response.StatusCode = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
            }
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: after Stop, Close binds the port again to remove the prefix, which fails if another socket took it.
        _listener.Close();
        await _loop;
    }
}

public sealed class HttpExporterTests
{
    private static ExporterConfig Http(string type, string url, int attempts = 1, string failedPostsDir = "") => new()
    {
        Id = type.TrimStart('*'),
        Type = type,
        ExportPath = url,
        FailedPostsDir = failedPostsDir,
        Synchronous = true,
        Attempts = attempts,
        Fields =
        [
            Support.Field("X-Origin", "cgr", "*constant", "*hdr"),
            Support.Field("CGRID", "~*req.CGRID"),
            new FieldTemplate { Tag = "Usage", Path = "*exp.Call.Usage", Type = "*variable", Value = "~*req.Usage{*duration_seconds}" },
            Support.Field("Dest", "~*req.Destination"),
        ],
    };

    [Fact]
    public async Task Http_post_sends_a_sorted_urlencoded_form_with_template_headers()
    {
        await using var server = new RecordingServer();
        await using var service = Support.Service(Support.Ees(Http("*http_post", server.Url)));

        var reply = await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

        Assert.Null(reply.Error);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("CGRID=Cdr1&Call.Usage=10&Dest=%2B4986517174963", request.Body);
        Assert.Equal("cgr", request.Custom);
    }

    [Fact]
    public async Task Http_json_map_sends_nested_sorted_json()
    {
        await using var server = new RecordingServer();
        await using var service = Support.Service(Support.Ees(Http("*http_json_map", server.Url)));

        await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("{\"CGRID\":\"Cdr1\",\"Call\":{\"Usage\":\"10\"},\"Dest\":\"+4986517174963\"}", request.Body);
    }

    [Fact]
    public async Task Attempts_retry_then_a_failed_post_is_kept_and_replays()
    {
        using var failed = new TempDir();
        var ct = TestContext.Current.CancellationToken;
        string body;
        await using (var down = new RecordingServer(500, 503))
        {
            await using var service = Support.Service(Support.Ees(Http("*http_json_map", down.Url, attempts: 2, failed.Path)));

            var reply = await service.ProcessEventAsync(Support.Cdr(), null, ct);

            Assert.Equal(ErrorCodes.PartiallyExecuted, reply.Error);
            Assert.Equal(2, down.Requests.Count);
            body = down.Requests[0].Body;
            var file = Assert.Single(failed.Files());
            Assert.StartsWith(FailedPostBatch.FilePrefix, Path.GetFileName(file), StringComparison.Ordinal);

            // Same URL, now answering: the replay delivers the stored body and removes the file.
            var result = await service.ReplayFailedPostsAsync(failed.Path, null, ct);

            Assert.Equal(new ReplayResult(1, 1, 0), result);
            Assert.Equal(3, down.Requests.Count);
            Assert.Equal(body, down.Requests[2].Body);
            Assert.Equal("cgr", down.Requests[2].Custom);
            Assert.Empty(failed.Files());
        }
    }

    [Fact]
    public async Task A_replay_that_fails_again_writes_a_new_file()
    {
        using var failed = new TempDir();
        var ct = TestContext.Current.CancellationToken;
        await using var down = new RecordingServer(500, 500, 500);
        await using var service = Support.Service(Support.Ees(Http("*http_post", down.Url, attempts: 1, failed.Path)));

        await service.ProcessEventAsync(Support.Cdr(), null, ct);
        var first = Assert.Single(failed.Files());
        var result = await service.ReplayFailedPostsAsync(failed.Path, null, ct);

        Assert.Equal(new ReplayResult(1, 0, 1), result);
        var second = Assert.Single(failed.Files());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Failed_posts_dir_none_keeps_nothing()
    {
        using var failed = new TempDir();
        await using var down = new RecordingServer(500);
        var config = Support.Ees(Http("*http_post", down.Url, attempts: 1, Meta.None)) with { FailedPostsDir = failed.Path };
        await using var service = Support.Service(config);

        await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

        Assert.Empty(failed.Files());
    }

    [Fact]
    public async Task Log_exporter_and_log_flag_write_to_the_sink()
    {
        var log = new CapturingLog();
        var config = Support.Ees(
            new ExporterConfig
            {
                Id = "to_log",
                Type = "*log",
                Synchronous = true,
                Attempts = 1,
                Flags = ["*log"],
                Fields = [Support.Field("Account", "~*req.Account"), Support.Field("Cost", "~*req.Cost{*round:1}")],
            },
            new ExporterConfig { Id = "raw_log", Type = "*log", Synchronous = false, Attempts = 1 });
        await using var service = Support.Service(config, Support.Options(log));

        var reply = await service.ProcessEventAsync(Support.Cdr(), ["to_log"], TestContext.Current.CancellationToken);

        Assert.Null(reply.Error);
        Assert.Equal(["to_log"], reply.Exporters.Keys);
        Assert.Equal(
            ["<EEs> LOG, exporter <to_log>, message: {\"Account\":\"1001\",\"Cost\":\"1\"}", "<EEs> <to_log> exported: <{\"Account\":\"1001\",\"Cost\":\"1\"}>"],
            log.Infos);
    }

    [Fact]
    public async Task Asynchronous_exporters_reply_at_once_and_export_in_the_background()
    {
        var log = new CapturingLog();
        var config = Support.Ees(new ExporterConfig { Id = "raw_log", Type = "*log", Synchronous = false, Attempts = 1 });
        await using var service = Support.Service(config, Support.Options(log));

        var reply = await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);
        await service.WhenIdleAsync();

        Assert.Null(reply.Error);
        var line = Assert.Single(log.Infos);
        Assert.Contains("\"CGRID\":\"Cdr1\"", line, StringComparison.Ordinal);
        Assert.Contains("\"Usage\":10000000000", line, StringComparison.Ordinal);
    }
}
