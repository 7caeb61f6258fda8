using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using NodaTime;
using Obol.Config;
using Obol.Exporters;
using Obol.Exporters.Tests;
using Obol.Filters;
using RabbitMQ.Client;
using Xunit;

namespace Obol.EventReaders.Tests;

/// <summary><c>*amqp_json_map</c> readers in dry-run mode against a real RabbitMQ node (<see cref="RabbitMqBroker"/>).</summary>
[Collection(UsesRabbitMq.Name)]
public sealed class AmqpReaderTests(RabbitMqBroker broker)
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 1, 5, 10, 0);
    private readonly string _queue = "ers-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<string> _info = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    [Fact]
    public async Task Start_JsonMessages_EventPerObjectAndUnusableOnesRejected()
    {
        await PublishAsync("""{"Account":"1001","call":{"seconds":93}}""", """{"Account":"1002","call":{"seconds":5}}""",
            "not json", "[1,2]", """{"call":{"seconds":1}}""");
        await using (var service = Service(Reader(broker.Url)))
        {
            service.Start();

            await WaitForAsync(() => DryRuns().Count == 2 && _warnings.Count == 3);
        }

        var logged = DryRuns();
        Assert.Contains(logged, l => l.Contains("\"Account\":\"1001\"", StringComparison.Ordinal) && l.Contains("\"Usage\":\"93\"", StringComparison.Ordinal));
        Assert.Contains(logged, l => l.Contains("\"Account\":\"1002\"", StringComparison.Ordinal));
        Assert.Contains(_warnings, w => w.Contains("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(_warnings, w => w.Contains("not a JSON object", StringComparison.Ordinal));
        Assert.Contains(_warnings, w => w.Contains($"queue <{_queue}>", StringComparison.Ordinal) && w.Contains("NOT_FOUND:Account", StringComparison.Ordinal));
        // Acknowledged or rejected without requeue, each of them: nothing is left for the next consumer.
        Assert.Equal(0u, await WaitingAsync());
    }

    [Fact]
    public async Task Start_ConnectionCut_ReconnectsAndReadsLaterMessages()
    {
        await using var relay = new TcpRelay(broker.Port);
        relay.Start();
        await using var service = Service(Reader(relay.Url));
        service.Start();
        await PublishAsync("""{"Account":"1001","call":{"seconds":1}}""");
        await WaitForAsync(() => DryRuns().Count == 1);

        relay.DropConnections();
        await PublishAsync("""{"Account":"1002","call":{"seconds":2}}""");

        // The first message again too, when the cut came between its event and its acknowledgement: at least once.
        await WaitForAsync(() => DryRuns().Any(l => l.Contains("\"Account\":\"1002\"", StringComparison.Ordinal)));
        Assert.True(relay.Accepted >= 2, $"{relay.Accepted} connections");
        Assert.Contains(_warnings, w => w.Contains("closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunReaderAsync_IdleReader_TakesTheWaitingMessagesOnce()
    {
        await PublishAsync("""{"Account":"1001","call":{"seconds":1}}""", """{"Account":"1002","call":{"seconds":2}}""");
        await using var service = Service(Reader(broker.Url) with { RunDelay = default });
        service.Start();

        Assert.Null(await service.RunReaderAsync("CDRS_AMQP"));
        Assert.Null(await service.RunReaderAsync("CDRS_AMQP"));

        Assert.Equal(2, DryRuns().Count);
        Assert.Equal(0u, await WaitingAsync());
    }

    [Theory]
    [InlineData("/var/spool/cgrates/ers/in", "source_path is not an amqp:// or amqps:// URL")]
    [InlineData("amqp://localhost/", "opts.amqpConsumerTag must be a string")]
    public void EventReaderService_UnusableAmqpReader_RefusedNamingIt(string url, string expected)
    {
        var reader = Reader(url) with
        {
            Opts = new Dictionary<string, JsonElement> { ["amqpConsumerTag"] = JsonDocument.Parse("5").RootElement.Clone() },
        };

        var e = Assert.Throws<ExporterDefinitionException>(() => Service(reader));

        Assert.Equal($"reader <CDRS_AMQP>: {expected}", e.Message);
    }

    private EventReaderConfig Reader(string url) => new()
    {
        Id = "CDRS_AMQP",
        Type = "*amqp_json_map",
        RunDelay = new Primitives.Usage(-1),
        SourcePath = url,
        ConcurrentRequests = 4,
        Flags = ["*dryrun"],
        Opts = new Dictionary<string, JsonElement> { ["amqpQueueID"] = JsonDocument.Parse($"\"{_queue}\"").RootElement.Clone() },
        Fields =
        [
            new() { Tag = "Account", Path = "*cgreq.Account", Type = "*variable", Value = "~*req.Account", Mandatory = true },
            new() { Tag = "Usage", Path = "*cgreq.Usage", Type = "*variable", Value = "~*req.call.seconds" },
        ],
    };

    private EventReaderService Service(EventReaderConfig reader) =>
        new(new ErsConfig { Enabled = true, Readers = [reader] }, null, new FilterService(FilterTable.FromTp([], DateTimeZone.Utc, s_now)),
            new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org", _info.Enqueue, _warnings.Enqueue);

    private async Task PublishAsync(params string[] bodies)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var body in bodies)
        {
            await channel.BasicPublishAsync("", _queue, Encoding.UTF8.GetBytes(body));
        }
    }

    /// <summary>Messages ready in the queue; its unacknowledged ones come back to it once their consumer is gone.</summary>
    private async Task<uint> WaitingAsync()
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(_queue)).MessageCount;
    }

    private async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 150 && !done(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(done(), $"info:\n{string.Join('\n', _info)}\nwarnings:\n{string.Join('\n', _warnings)}");
    }

    private List<string> DryRuns() => [.. _info.Where(l => l.Contains("DRY_RUN", StringComparison.Ordinal))];
}
