using System.Text.Json.Serialization;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Attributes;
using Obol.Chargers;
using Obol.Events;

namespace Obol.Api;

/// <summary>AttributeSv1 and ChargerSv1 (apier/v1/attributes.go, chargers.go).</summary>
public sealed class AttributeSv1Service(AttributeService? attributes, ChargerService? chargers, IClock clock, string defaultTenant)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        if (attributes is not null)
        {
            dispatcher.Add<CgrEvent, AttributeReply>("AttributeSv1.ProcessEvent", (ev, _) => ValueTask.FromResult(ProcessAttributes(ev)));
            dispatcher.Add<CgrEvent, AttributeProfileReply>("AttributeSv1.GetAttributeForEvent", (ev, _) => ValueTask.FromResult(AttributeFor(ev)));
            dispatcher.AddPing("AttributeSv1");
        }
        if (chargers is not null)
        {
            dispatcher.Add<CgrEvent, IReadOnlyList<ChargerRun>>("ChargerSv1.ProcessEvent", (ev, _) => ValueTask.FromResult(ProcessChargers(ev)));
            dispatcher.Add<CgrEvent, IReadOnlyList<ChargerProfileDefinition>>("ChargerSv1.GetChargersForEvent",
                (ev, _) => ValueTask.FromResult(ChargersFor(ev)));
            dispatcher.AddPing("ChargerSv1");
        }
    }

    private RpcResult<AttributeReply> ProcessAttributes(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<AttributeReply>(invalid);
        }
        var result = attributes!.ProcessEvent(ev, EventRequests.Now(ev, clock));
        if (result.Error is { } error)
        {
            return RpcResult.Fail<AttributeReply>(error);
        }
        var altered = result.Event!;
        return new AttributeReply(result.MatchedProfiles, result.AlteredFields, altered.Tenant, altered.Id, altered.Time, altered.Event, altered.ApiOpts);
    }

    private RpcResult<AttributeProfileReply> AttributeFor(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<AttributeProfileReply>(invalid);
        }
        var (profile, error) = attributes!.GetAttributeForEvent(ev, EventRequests.Now(ev, clock));
        return profile is null ? RpcResult.Fail<AttributeProfileReply>(error!) : AttributeProfileReply.From(profile);
    }

    private RpcResult<IReadOnlyList<ChargerRun>> ProcessChargers(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyList<ChargerRun>>(invalid);
        }
        var result = chargers!.ProcessEvent(ev, EventRequests.Now(ev, clock));
        return result.Error is null ? RpcResult.Ok(result.Runs) : RpcResult.Fail<IReadOnlyList<ChargerRun>>(result.Error);
    }

    private RpcResult<IReadOnlyList<ChargerProfileDefinition>> ChargersFor(CgrEvent ev)
    {
        if (EventRequests.Prepare(ev, defaultTenant) is { } invalid)
        {
            return RpcResult.Fail<IReadOnlyList<ChargerProfileDefinition>>(invalid);
        }
        var (profiles, error) = chargers!.GetChargersForEvent(ev, EventRequests.Now(ev, clock));
        return error is null
            ? RpcResult.Ok<IReadOnlyList<ChargerProfileDefinition>>([.. profiles.Select(p => p.Definition)])
            : RpcResult.Fail<IReadOnlyList<ChargerProfileDefinition>>(error);
    }
}

/// <summary>engine.AttrSProcessEventReply: the CGREvent's fields flattened after MatchedProfiles and AlteredFields.</summary>
public sealed record AttributeReply(
    IReadOnlyList<string> MatchedProfiles,
    IReadOnlyList<string> AlteredFields,
    string Tenant,
    [property: JsonPropertyName("ID")] string Id,
    Instant? Time,
    Dictionary<string, object?> Event,
    [property: JsonPropertyName("APIOpts")] Dictionary<string, object?> ApiOpts);

/// <summary>engine.AttributeProfile as GetAttributeForEvent answers it: values as RSR parsers (<c>[{"Rules":…}]</c>).</summary>
public sealed record AttributeProfileReply(
    string Tenant,
    [property: JsonPropertyName("ID")] string Id,
    IReadOnlyList<string> Contexts,
    [property: JsonPropertyName("FilterIDs")] IReadOnlyList<string> FilterIds,
    ActivationIntervalDefinition? ActivationInterval,
    IReadOnlyList<AttributeReplyItem> Attributes,
    bool Blocker,
    decimal Weight)
{
    public static AttributeProfileReply From(AttributeProfile profile) => new(profile.Tenant, profile.Id, profile.Contexts, profile.FilterIds,
        ActivationIntervalDefinition.From(profile.Activation),
        [.. profile.Attributes.Select(a => new AttributeReplyItem(a.FilterIds, a.Path, a.TypeName, [.. a.ValueRules.Select(r => new RsrRule(r))]))],
        profile.Blocker, profile.Weight);
}

/// <summary>engine.Attribute.</summary>
public sealed record AttributeReplyItem(
    [property: JsonPropertyName("FilterIDs")] IReadOnlyList<string> FilterIds,
    string Path,
    string Type,
    IReadOnlyList<RsrRule> Value);

/// <summary>config.RSRParser on the wire.</summary>
public sealed record RsrRule(string Rules);
