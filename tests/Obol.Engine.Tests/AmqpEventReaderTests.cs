using System.Text;
using System.Text.Json;
using Obol.Exporters.Tests;
using RabbitMQ.Client;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>An <c>*amqp_json_map</c> reader on a real engine and a real RabbitMQ node (<see cref="RabbitMqBroker"/>).</summary>
[Collection(UsesRabbitMq.Name)]
public sealed class AmqpEventReaderTests(RabbitMqBroker broker)
{
    private const int Calls = 150;

    [Fact]
    public async Task AmqpReader_EngineKilledWhileReading_EveryCdrOnceAndChargedOnce()
    {
        var queue = "switch-cdrs-" + Guid.NewGuid().ToString("N")[..8];
        string[] columns = ["ToR", "OriginID", "RequestType", "Account", "Destination", "AnswerTime", "Usage"];
        var ers = EventReaderTests.Ers("*amqp_json_map", "-1", broker.Url, "", columns, $$"""{"amqpQueueID": "{{queue}}"}""");
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"general\": {", ers + "\"general\": {",
            StringComparison.Ordinal));
        var before = await engine.MonetaryAsync("1001");
        await PublishAsync(queue, Enumerable.Range(1, Calls).Select(i =>
            $$"""{"ToR":"*voice","OriginID":"amqp-call-{{i}}","RequestType":"*postpaid","Account":"1001","Destination":"1002","AnswerTime":"2026-01-05T10:00:05Z","Usage":"{{i}}s"}"""));

        // Killed part-way: the messages whose events were not yet acknowledged come back to the restarted engine's reader,
        // and a CDR it had already stored is refused as a duplicate instead of charged twice.
        await WaitForCdrsAsync(engine, Calls / 5);
        await engine.KillAndRestartAsync();
        await WaitForCdrsAsync(engine, Calls);
        Assert.Equal(0u, await WaitingAsync(queue));
        await Task.Delay(500); // the last deliveries' events, still in hand when the queue emptied
        var cdrs = await WaitForCdrsAsync(engine, Calls);

        var origins = cdrs.Select(c => c.GetProperty("OriginID").GetString()!).ToList();
        Assert.Equal(Calls, origins.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Calls, origins.Count);
        var charged = cdrs.Sum(c => c.GetProperty("Cost").GetDecimal());
        Assert.True(charged > 0m);
        Assert.Equal(before - charged, await engine.MonetaryAsync("1001"));
    }

    private async Task PublishAsync(string queue, IEnumerable<string> bodies)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var body in bodies)
        {
            await channel.BasicPublishAsync("", queue, Encoding.UTF8.GetBytes(body));
        }
    }

    private async Task<uint> WaitingAsync(string queue)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var i = 0; i < 50; i++)
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue);
            if (declared.MessageCount == 0)
            {
                return 0;
            }
            await Task.Delay(100);
        }
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private static Task<List<JsonElement>> WaitForCdrsAsync(SessionEngine engine, int count) =>
        EventReaderTests.WaitForCdrsAsync(engine, count, """{"Accounts":["1001"],"RunIDs":["*default"]}""");
}
