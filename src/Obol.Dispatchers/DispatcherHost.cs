using Obol.Events;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Dispatchers;

/// <summary>
/// A compiled dispatcher host. Hosts have no filters; they are an <see cref="IEventProfile"/> only so that the profile
/// catalog keeps them as it keeps profiles: stored, restored at start, loaded and removed with tariff plans.
/// </summary>
public sealed class DispatcherHost : IEventProfile
{
    public const string Internal = "*internal";

    private DispatcherHost(DispatcherHostDefinition definition)
    {
        Definition = definition;
        TenantId = $"{definition.Tenant}:{definition.Id}";
    }

    public DispatcherHostDefinition Definition { get; }

    public string Tenant => Definition.Tenant;

    public string Id => Definition.Id;

    public string TenantId { get; }

    public IReadOnlyList<string> FilterIds => [];

    /// <summary>This engine's own services, called without a connection.</summary>
    public bool IsInternal => Definition.Address == Internal;

    public override string ToString() => TenantId;

    public static DispatcherHost Compile(DispatcherHostDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id.Length == 0)
        {
            throw new DispatcherDefinitionException($"dispatcher host {definition.Tenant}:: ID is mandatory", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        return new DispatcherHost(definition);
    }

    /// <summary>Compiles a DispatcherHosts.csv row; errors name its file and line.</summary>
    public static DispatcherHost FromTp(TpDispatcherHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new DispatcherHost(new DispatcherHostDefinition
        {
            Tenant = host.Tenant,
            Id = host.Id,
            Address = host.Address,
            Transport = host.Transport,
            ConnectAttempts = host.ConnectAttempts,
            Reconnects = host.Reconnects,
            MaxReconnectInterval = Duration(host, host.MaxReconnectInterval, "MaxReconnectInterval"),
            ConnectTimeout = Duration(host, host.ConnectTimeout, "ConnectTimeout"),
            ReplyTimeout = Duration(host, host.ReplyTimeout, "ReplyTimeout"),
            Tls = host.Tls,
            ClientKey = host.ClientKey,
            ClientCertificate = host.ClientCertificate,
            CaCertificate = host.CaCertificate,
        });
    }

    private static Usage Duration(TpDispatcherHost host, string text, string column) =>
        text.Length == 0 ? Usage.Zero
        : Usage.TryParse(text, out var value) ? value
        : throw new DispatcherDefinitionException($"{host.Location}: dispatcher host {host.Tenant}:{host.Id}: {column} <{text}> is not a duration");
}
