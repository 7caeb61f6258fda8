using System.Text.Json;
using Obol.Config;

namespace Obol.Exporters;

/// <summary>
/// Where an <c>*amqp_json_map</c> exporter publishes (ees/amqp.go parseOpts): the broker URL from <c>export_path</c>
/// (credentials and vhost inside it, <c>amqp://guest:guest@localhost:5672/</c>) and the <c>opts</c>
/// <c>amqpQueueID</c>, <c>amqpRoutingKey</c>, <c>amqpExchange</c>, <c>amqpExchangeType</c>. Equal targets share one
/// connection (<see cref="AmqpPublishers"/>). The URL stays a string: <see cref="Uri.Equals(object)"/> ignores the user
/// info, and two exporters with different credentials must not share a connection.
/// </summary>
internal sealed record AmqpTarget(string Url, string Queue, string RoutingKey, string Exchange, string ExchangeType)
{
    public const string DefaultQueue = "cgrates_cdrs";
    public const string DefaultExchangeType = "direct";

    /// <summary>Throws <see cref="ExporterDefinitionException"/> for a URL that is not amqp(s) or an option that is not a string.</summary>
    public static AmqpTarget FromConfig(ExporterConfig config)
    {
        if (!Uri.TryCreate(config.ExportPath, UriKind.Absolute, out var url) || url.Scheme is not ("amqp" or "amqps"))
        {
            throw ExporterDefinitionException.ForExporter(config.Id, "export_path is not an amqp:// or amqps:// URL");
        }
        var queue = Option(config, "amqpQueueID") ?? DefaultQueue;
        var exchange = Option(config, "amqpExchange") ?? "";
        // CGRateS defaults the routing key to "cgrates_cdrs" even when amqpQueueID names another queue, so with the default
        // exchange such messages never reach the queue it declared; the key follows the queue here instead.
        var routingKey = Option(config, "amqpRoutingKey") ?? queue;
        var exchangeType = Option(config, "amqpExchangeType") ?? DefaultExchangeType;
        return new AmqpTarget(config.ExportPath, queue, routingKey, exchange, exchange.Length == 0 ? "" : exchangeType);
    }

    /// <summary>The URL without its password, for log lines.</summary>
    public string Describe() =>
        new Uri(Url).GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + $" queue <{Queue}>";

    private static string? Option(ExporterConfig config, string name)
    {
        if (!config.Opts.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw ExporterDefinitionException.ForExporter(config.Id, $"opts.{name} must be a string");
        }
        return value.GetString();
    }
}
