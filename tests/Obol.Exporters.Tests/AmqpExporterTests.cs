using System.Text;
using System.Text.Json;
using Obol.Config;
using Obol.Primitives;
using RabbitMQ.Client;
using Xunit;

namespace Obol.Exporters.Tests;

/// <summary><c>*amqp_json_map</c> against a real RabbitMQ node (<see cref="RabbitMqBroker"/>).</summary>
[Collection(UsesRabbitMq.Name)]
public sealed class AmqpExporterTests(RabbitMqBroker broker)
{
    // Go's json.Marshal of the map: keys sorted, dotted paths nested, every value a string.
    private const string Cdr1Json = "{\"Account\":\"1001\",\"CGRID\":\"Cdr1\",\"Call\":{\"Usage\":\"10\"},\"Cost\":\"1.01\"}";

    private static ExporterConfig Amqp(
        string url, Dictionary<string, string>? opts = null, int attempts = 1, string failedPostsDir = "") => new()
    {
        Id = "amqp",
        Type = "*amqp_json_map",
        ExportPath = url,
        FailedPostsDir = failedPostsDir,
        Synchronous = true,
        Attempts = attempts,
        Opts = (opts ?? []).ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value)),
        Fields =
        [
            Support.Field("CGRID", "~*req.CGRID"),
            Support.Field("Account", "~*req.Account"),
            new FieldTemplate { Tag = "Usage", Path = "*exp.Call.Usage", Type = "*variable", Value = "~*req.Usage{*duration_seconds}" },
            Support.Field("Cost", "~*req.Cost{*round:4}"),
        ],
    };

    private static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static Dictionary<string, string> QueueOpts(string queue) => new() { ["amqpQueueID"] = queue };

    [Fact]
    public async Task ProcessEvent_DefaultOpts_PublishesTemplateJsonToDurableCgratesCdrs()
    {
        await DeleteAsync(queue: AmqpTarget.DefaultQueue);
        await using (var service = Support.Service(Support.Ees(Amqp(broker.Url))))
        {
            var reply = await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

            Assert.Null(reply.Error);
        }

        var message = Assert.Single(await broker.DrainAsync(AmqpTarget.DefaultQueue, 1));
        Assert.Equal(Cdr1Json, Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("application/json", message.BasicProperties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, message.BasicProperties.DeliveryMode);
        Assert.Equal(("", AmqpTarget.DefaultQueue), (message.Exchange, message.RoutingKey));
        // Declaring it durable again only succeeds when the exporter declared it durable (else PRECONDITION_FAILED).
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(AmqpTarget.DefaultQueue, durable: true, exclusive: false, autoDelete: false);
        await DeleteAsync(queue: AmqpTarget.DefaultQueue);
    }

    [Fact]
    public async Task ProcessEvent_CustomExchangeTypeQueueAndRoutingKey_RoutesThroughTheExchange()
    {
        var (queue, exchange, key) = (UniqueName("obol_q"), UniqueName("obol_x"), "cdrs.voice");
        var opts = new Dictionary<string, string>
        {
            ["amqpQueueID"] = queue,
            ["amqpExchange"] = exchange,
            ["amqpExchangeType"] = "topic",
            ["amqpRoutingKey"] = key,
        };
        await using (var service = Support.Service(Support.Ees(Amqp(broker.Url, opts))))
        {
            var reply = await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

            Assert.Null(reply.Error);
        }

        var message = Assert.Single(await broker.DrainAsync(queue, 1));
        Assert.Equal(Cdr1Json, Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal((exchange, key), (message.Exchange, message.RoutingKey));
        await using (var connection = await broker.ConnectAsync())
        {
            await using var channel = await connection.CreateChannelAsync();
            // Succeeds only if the exporter declared a durable topic exchange.
            await channel.ExchangeDeclareAsync(exchange, "topic", durable: true, autoDelete: false);
        }
        await DeleteAsync(queue, exchange);
    }

    [Fact]
    public async Task ProcessEvent_QueueWithoutRoutingKey_ArrivesInThatQueue()
    {
        var queue = UniqueName("obol_q");
        await using (var service = Support.Service(Support.Ees(Amqp(broker.Url, QueueOpts(queue)))))
        {
            var reply = await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

            Assert.Null(reply.Error);
        }

        var message = Assert.Single(await broker.DrainAsync(queue, 1));
        Assert.Equal(Cdr1Json, Encoding.UTF8.GetString(message.Body.Span));
        await DeleteAsync(queue);
    }

    [Fact]
    public async Task ProcessEvent_BrokerUnreachable_KeepsFailedPostThatReplaysOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = UniqueName("obol_q");
        using var failed = new TempDir();
        await using var relay = new TcpRelay(broker.Port);
        await using var service = Support.Service(Support.Ees(Amqp(relay.Url, QueueOpts(queue), attempts: 2, failed.Path)));

        var reply = await service.ProcessEventAsync(Support.Cdr(), null, ct);

        Assert.Equal(ErrorCodes.PartiallyExecuted, reply.Error);
        var file = Assert.Single(failed.Files());
        using (var stored = JsonDocument.Parse(await File.ReadAllTextAsync(file, ct)))
        {
            Assert.Equal("*amqp_json_map", stored.RootElement.GetProperty("Type").GetString());
            Assert.Equal(relay.Url, stored.RootElement.GetProperty("Path").GetString());
        }

        // The broker is reachable again: the replay publishes the stored body to the same queue and removes the file.
        relay.Start();
        var result = await service.ReplayFailedPostsAsync(failed.Path, null, ct);
        var again = await service.ReplayFailedPostsAsync(failed.Path, null, ct);

        Assert.Equal(new ReplayResult(1, 1, 0), result);
        Assert.Equal(new ReplayResult(0, 0, 0), again);
        Assert.Empty(failed.Files());
        var message = Assert.Single(await broker.DrainAsync(queue, 1));
        Assert.Equal(Cdr1Json, Encoding.UTF8.GetString(message.Body.Span));
        await DeleteAsync(queue);
    }

    [Fact]
    public async Task ProcessEvent_ConnectionCut_ReconnectsOnTheNextAttempt()
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = UniqueName("obol_q");
        await using var relay = new TcpRelay(broker.Port);
        relay.Start();
        await using var service = Support.Service(Support.Ees(Amqp(relay.Url, QueueOpts(queue), attempts: 2)));

        var first = await service.ProcessEventAsync(Support.Cdr("CdrA"), null, ct);
        relay.DropConnections();
        var second = await service.ProcessEventAsync(Support.Cdr("CdrB"), null, ct);

        Assert.Null(first.Error);
        Assert.Null(second.Error);
        Assert.Equal(["CdrA", "CdrB"], CgrIds(await broker.DrainAsync(queue, 2)));
        Assert.Equal(2, relay.Accepted);
        await DeleteAsync(queue);
    }

    [Fact]
    public async Task ProcessEvent_ManyConcurrentCallers_EachEventArrivesOnceOverOneConnection()
    {
        const int Events = 200;
        var ct = TestContext.Current.CancellationToken;
        var queue = UniqueName("obol_q");
        await using var relay = new TcpRelay(broker.Port);
        relay.Start();
        await using var service = Support.Service(Support.Ees(Amqp(relay.Url, QueueOpts(queue))));

        var replies = await Task.WhenAll(Enumerable.Range(0, Events)
            .Select(i => Task.Run(() => service.ProcessEventAsync(Support.Cdr($"Cdr{i:D3}"), null, ct), ct)));

        Assert.All(replies, reply => Assert.Null(reply.Error));
        var ids = CgrIds(await broker.DrainAsync(queue, Events));
        Assert.Equal(Enumerable.Range(0, Events).Select(i => $"Cdr{i:D3}"), ids.Order(StringComparer.Ordinal));
        Assert.Equal(1, relay.Accepted);
        await DeleteAsync(queue);
    }

    [Fact]
    public async Task DisposeAsync_AfterExports_ClosesTheConnection()
    {
        var queue = UniqueName("obol_q");
        await using var relay = new TcpRelay(broker.Port);
        relay.Start();
        var service = Support.Service(Support.Ees(Amqp(relay.Url, QueueOpts(queue))));
        await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);
        Assert.Equal(1, relay.Open);

        await service.DisposeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (relay.Open != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.Equal(0, relay.Open);
        await DeleteAsync(queue);
    }

    private static List<string> CgrIds(IEnumerable<BasicGetResult> messages) =>
    [
        .. messages.Select(m =>
        {
            using var json = JsonDocument.Parse(m.Body);
            return json.RootElement.GetProperty("CGRID").GetString() ?? "";
        }),
    ];

    private async Task DeleteAsync(string queue, string? exchange = null)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        if (exchange is not null)
        {
            await channel.ExchangeDeleteAsync(exchange);
        }
    }
}
