namespace Obol.Evapi;

/// <summary>The engine settings <see cref="KamEventMapping"/> needs; defaults are CGRateS's defaults.</summary>
public sealed class KamMappingOptions
{
    /// <summary>general.default_tenant, used when the event has no Tenant.</summary>
    public string DefaultTenant { get; init; } = "cgrates.org";

    /// <summary>general.default_request_type, used when the event has no RequestType.</summary>
    public string DefaultRequestType { get; init; } = "*rated";

    /// <summary>
    /// The zone of times without an offset (general.default_timezone; kamagent uses kamailio_agent.timezone, when
    /// set, for CALL_END). Unix timestamps are instants and only take the zone's offset.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The evapi_conns alias of the connection; first choice for OriginHost after the event's own.</summary>
    public string? ConnectionAlias { get; init; }

    /// <summary>The Kamailio address as Go prints it ("127.0.0.1:8448"); <see cref="EvapiConnection.RemoteAddress"/>.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The clock for CGR_PROCESS_CDR, whose event time is "now".</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
