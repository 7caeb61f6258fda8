using System.Text.Json;
using Obol.Config;
using RabbitMQ.Client;

namespace Obol.Exporters;

/// <summary>
/// Where an <c>*amqp_json_map</c> exporter publishes, or an <c>*amqp_json_map</c> reader consumes (ees/amqp.go
/// parseOpts, ers/amqp.go createClient): the broker URL from <c>export_path</c> or <c>source_path</c> (credentials and
/// vhost inside it, <c>amqp://guest:guest@localhost:5672/</c>) and the <c>opts</c> <c>amqpQueueID</c>,
/// <c>amqpRoutingKey</c>, <c>amqpExchange</c>, <c>amqpExchangeType</c>. Equal targets share one connection
/// (<see cref="AmqpPublishers"/>). The URL stays a string: <see cref="Uri.Equals(object)"/> ignores the user info, and
/// two exporters with different credentials must not share a connection.
/// </summary>
public sealed record AmqpTarget(string Url, string Queue, string RoutingKey, string Exchange, string ExchangeType)
{
    public const string DefaultQueue = "cgrates_cdrs";
    public const string DefaultExchangeType = "direct";

    /// <summary>Throws <see cref="ExporterDefinitionException"/> for a URL that is not amqp(s) or an option that is not a string.</summary>
    internal static AmqpTarget FromConfig(ExporterConfig config) =>
        Parse(config.ExportPath, "export_path", config.Opts, problem => ExporterDefinitionException.ForExporter(config.Id, problem));

    /// <summary>The target a URL (the config key <paramref name="urlKey"/>) and <c>opts</c> name; <paramref name="refuse"/>
    /// makes the exception for a URL that is not amqp(s) or an option that is not a string.</summary>
    public static AmqpTarget Parse(string url, string urlKey, IReadOnlyDictionary<string, JsonElement> opts, Func<string, Exception> refuse)
    {
        ArgumentNullException.ThrowIfNull(opts);
        ArgumentNullException.ThrowIfNull(refuse);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps"))
        {
            throw refuse($"{urlKey} is not an amqp:// or amqps:// URL");
        }
        var queue = Option(opts, "amqpQueueID", refuse) ?? DefaultQueue;
        var exchange = Option(opts, "amqpExchange", refuse) ?? "";
        // CGRateS defaults the routing key to "cgrates_cdrs" even when amqpQueueID names another queue, so with the default
        // exchange such messages never reach the queue it declared; the key follows the queue here instead.
        var routingKey = Option(opts, "amqpRoutingKey", refuse) ?? queue;
        var exchangeType = Option(opts, "amqpExchangeType", refuse) ?? DefaultExchangeType;
        return new AmqpTarget(url, queue, routingKey, exchange, exchange.Length == 0 ? "" : exchangeType);
    }

    /// <summary>A string option of <paramref name="opts"/>; null when absent.</summary>
    public static string? Option(IReadOnlyDictionary<string, JsonElement> opts, string name, Func<string, Exception> refuse)
    {
        ArgumentNullException.ThrowIfNull(opts);
        ArgumentNullException.ThrowIfNull(refuse);
        if (!opts.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw refuse($"opts.{name} must be a string");
        }
        return value.GetString();
    }

    /// <summary>Declares what CGRateS declares: the exchange (durable) when one is set, the queue (durable), the binding.</summary>
    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (Exchange.Length != 0)
        {
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType, durable: true, autoDelete: false,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Exchange.Length != 0)
        {
            await channel.QueueBindAsync(Queue, Exchange, RoutingKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A connection factory for this target without the client's own recovery (the caller reconnects as CGRateS
    /// does), each step bounded by <paramref name="timeout"/>, and an amqps server's certificate verified fully.</summary>
    public ConnectionFactory ConnectionFactory(string clientName, TimeSpan timeout)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(Url),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = timeout,
            ContinuationTimeout = timeout,
            HandshakeContinuationTimeout = timeout,
            ClientProvidedName = clientName,
        };
        // An amqps URI makes the client accept a certificate whose name does not match the host; verify it fully.
        factory.Ssl.AcceptablePolicyErrors = System.Net.Security.SslPolicyErrors.None;
        return factory;
    }

    /// <summary>The URL without its password, for log lines.</summary>
    public string Describe() =>
        new Uri(Url).GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + $" queue <{Queue}>";
}
