using System.Text.Json.Serialization;

namespace Obol.Api;

/// <summary>utils.TenantIDWithAPIOpts / utils.TenantID.</summary>
public sealed record TenantIdArgs
{
    public string? Tenant { get; init; }

    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}

/// <summary>utils.TenantWithAPIOpts and utils.PaginatorWithTenant (Limit/Offset page the sorted IDs).</summary>
public sealed record TenantArgs
{
    public string? Tenant { get; init; }

    public int? Limit { get; init; }

    public int? Offset { get; init; }

    [JsonPropertyName("APIOpts")]
    public Dictionary<string, object?>? ApiOpts { get; init; }
}
