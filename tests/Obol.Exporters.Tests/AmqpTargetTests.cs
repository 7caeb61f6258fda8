using System.Text.Json;
using Obol.Config;
using Xunit;

namespace Obol.Exporters.Tests;

/// <summary><c>*amqp_json_map</c> options and checks that need no broker.</summary>
public sealed class AmqpTargetTests
{
    private static ExporterConfig Config(string url, string optsJson = "{}") => new()
    {
        Id = "amqp",
        Type = "*amqp_json_map",
        ExportPath = url,
        Attempts = 1,
        Opts = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(optsJson)!,
    };

    [Fact]
    public void FromConfig_NoOpts_PublishesToCgratesCdrsThroughTheDefaultExchange()
    {
        var target = AmqpTarget.FromConfig(Config("amqp://guest:guest@localhost:5672/"));

        Assert.Equal(new AmqpTarget("amqp://guest:guest@localhost:5672/", "cgrates_cdrs", "cgrates_cdrs", "", ""), target);
    }

    [Fact]
    public void FromConfig_ExchangeWithoutType_DeclaresADirectExchange()
    {
        var target = AmqpTarget.FromConfig(Config("amqp://localhost/", """{"amqpQueueID":"cdrs","amqpExchange":"cgr"}"""));

        Assert.Equal(("cdrs", "cdrs", "cgr", "direct"), (target.Queue, target.RoutingKey, target.Exchange, target.ExchangeType));
    }

    [Fact]
    public void FromConfig_DifferentCredentials_AreDifferentTargets()
    {
        var alice = AmqpTarget.FromConfig(Config("amqp://alice:a@localhost/"));
        var bob = AmqpTarget.FromConfig(Config("amqp://bob:b@localhost/"));

        Assert.NotEqual(alice, bob);
        // Log lines name the broker without the password.
        Assert.StartsWith("amqp://localhost", alice.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", alice.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5672/", "{}")]
    [InlineData("not a url", "{}")]
    [InlineData("amqp://localhost/", """{"amqpQueueID":5}""")]
    public void Constructor_InvalidAmqpExporter_ThrowsDefinitionException(string url, string optsJson)
    {
        var error = Assert.Throws<ExporterDefinitionException>(() => Support.Service(Support.Ees(Config(url, optsJson))));

        Assert.Equal("amqp", error.ExporterId);
    }
}
