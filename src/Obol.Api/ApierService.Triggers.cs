using NodaTime;
using System.Text.Json.Serialization;
using Obol.Accounting;
using Obol.Accounting.Triggers;
using Obol.Api.JsonRpc;
using Obol.GoJson;
using Obol.Primitives;

namespace Obol.Api;

/// <summary>apier/v1/triggers.go: trigger groups and the triggers accounts hold.</summary>
public sealed partial class ApierService
{
    private void RegisterTriggers(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrAddActionTrigger, string>("APIerSv1.AddTriggeredAction", AddTriggeredActionAsync);
        dispatcher.Add<AttrGetActionTriggers, RawJson>("APIerSv1.GetActionTriggers", (a, _) =>
        {
            var (triggers, error) = rals.GetActionTriggers(a.GroupIds ?? []);
            return ValueTask.FromResult(error is null ? Raw(AccountJson.WriteTriggers(triggers)) : RpcResult.Fail<RawJson>(error));
        });
        dispatcher.Add<AttrSetActionTrigger, string>("APIerSv1.SetActionTrigger", async (a, ct) =>
            Reply(await rals.SetActionTriggerAsync(a.ToUpdate(), ct).ConfigureAwait(false)));
        dispatcher.Add<AttrSetActionTrigger, string>("APIerSv1.RemoveActionTrigger", async (a, ct) =>
            Reply(await rals.RemoveActionTriggerAsync(a.GroupId ?? "", a.UniqueId ?? "", ct).ConfigureAwait(false)));
        dispatcher.Add<AttrAddAccountActionTriggers, string>("APIerSv1.AddAccountActionTriggers", AddAccountActionTriggersAsync);
        dispatcher.Add<AttrAccountActionTrigger, string>("APIerSv1.RemoveAccountActionTriggers", (a, ct) =>
            OnAccountAsync(a.Tenant, a.Account, id => rals.RemoveAccountActionTriggersAsync(id, a.GroupId ?? "", a.UniqueId ?? "", ct)));
        dispatcher.Add<AttrAccountActionTrigger, string>("APIerSv1.ResetAccountActionTriggers", (a, ct) =>
            OnAccountAsync(a.Tenant, a.Account, id => rals.ResetAccountActionTriggersAsync(id, a.GroupId ?? "", a.UniqueId ?? "", a.Executed, ct)));
        dispatcher.Add<AttrAccountActionTrigger, string>("APIerSv1.SetAccountActionTriggers", (a, ct) =>
            OnAccountAsync(a.Tenant, a.Account, id => rals.SetAccountActionTriggersAsync(id, a.ToUpdate(), ct)));
    }

    private ValueTask<RpcResult<string>> AddAccountActionTriggersAsync(AttrAddAccountActionTriggers args, CancellationToken ct)
    {
        if (!GoTime.TryParse(args.ActivationDate, defaultZone, clock.GetCurrentInstant(), out var activation))
        {
            return ValueTask.FromResult(RpcResult.Fail<string>($"Unsupported time format: {args.ActivationDate}"));
        }
        NodaTime.Instant? at = activation == GoTime.Zero ? null : activation.ToInstant();
        return OnAccountAsync(args.Tenant, args.Account, id =>
            rals.AddAccountActionTriggersAsync(id, args.ActionTriggerIds ?? [], args.ActionTriggerOverwrite, at, args.Executed, ct));
    }

    // Account is mandatory; tenant defaults. CGRateS answers the store's error (NOT_FOUND for a missing account) as it is.
    private async ValueTask<RpcResult<string>> OnAccountAsync(string? tenant, string? account, Func<string, Task<string?>> change)
    {
        if (string.IsNullOrEmpty(account))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        return Reply(await change(Or(tenant, defaultTenant) + ":" + account).ConfigureAwait(false));
    }

    private static RpcResult<RawJson> Raw(string json) => new RawJson(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>APIerSv1.AddTriggeredAction: one trigger built from the arguments, added to the account's own.</summary>
    private async ValueTask<RpcResult<string>> AddTriggeredActionAsync(AttrAddActionTrigger a, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(a.Account))
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        Instant? expiry = null;
        if (!string.IsNullOrEmpty(a.BalanceExpiryTime))
        {
            if (!GoTime.TryParse(a.BalanceExpiryTime, defaultZone, clock.GetCurrentInstant(), out var parsed))
            {
                return RpcResult.Fail<string>(ErrorCodes.ServerErrorWith($"Unsupported time format: <{a.BalanceExpiryTime}>"));
            }
            expiry = parsed.ToInstant();
        }
        var trigger = new ActionTrigger
        {
            ID = a.ActionTriggersId ?? "",
            ThresholdType = a.ThresholdType ?? "",
            ThresholdValue = a.ThresholdValue,
            Weight = a.Weight,
            ActionsId = a.ActionsId ?? "",
            Balance = new BalanceFilter
            {
                ID = NullIfEmpty(a.BalanceId),
                Type = NullIfEmpty(a.BalanceType),
                DestinationIDs = string.IsNullOrEmpty(a.BalanceDestinationIds) ? null : StringMap.Parse(a.BalanceDestinationIds),
                RatingSubject = NullIfEmpty(a.BalanceRatingSubject),
                Weight = a.BalanceWeight == 0 ? null : a.BalanceWeight,
                ExpirationDate = expiry,
                SharedGroups = string.IsNullOrEmpty(a.BalanceSharedGroup) ? null : new StringMap { [a.BalanceSharedGroup] = true },
            },
        };
        var error = await rals.AddTriggeredActionAsync(Or(a.Tenant, defaultTenant) + ":" + a.Account, trigger, ct).ConfigureAwait(false);
        return error is null ? Ok : RpcResult.Fail<string>(error);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>v1.AttrGetActionTriggers.</summary>
public sealed record AttrGetActionTriggers
{
    [JsonPropertyName("GroupIDs")]
    public IReadOnlyList<string>? GroupIds { get; init; }
}

/// <summary>engine.AttrSetActionTrigger (also v1.AttrRemoveActionTrigger, which has its first two fields).</summary>
public record AttrSetActionTrigger
{
    [JsonPropertyName("GroupID")]
    public string? GroupId { get; init; }

    [JsonPropertyName("UniqueID")]
    public string? UniqueId { get; init; }

    public Dictionary<string, object?>? ActionTrigger { get; init; }

    public ActionTriggerUpdate ToUpdate() =>
        new(GroupId ?? "", UniqueId ?? "", ActionTrigger ?? new Dictionary<string, object?>(StringComparer.Ordinal));
}

/// <summary>v1.AttrSetAccountActionTriggers, AttrRemoveAccountActionTriggers and AttrResetAccountActionTriggers.</summary>
public sealed record AttrAccountActionTrigger : AttrSetActionTrigger
{
    public string? Tenant { get; init; }

    public string? Account { get; init; }

    public bool Executed { get; init; }
}

/// <summary>v1.AttrAddAccountActionTriggers.</summary>
public sealed record AttrAddAccountActionTriggers
{
    public string? Tenant { get; init; }

    public string? Account { get; init; }

    [JsonPropertyName("ActionTriggerIDs")]
    public IReadOnlyList<string>? ActionTriggerIds { get; init; }

    public bool ActionTriggerOverwrite { get; init; }

    public string? ActivationDate { get; init; }

    public bool Executed { get; init; }
}

/// <summary>v1.AttrAddActionTrigger.</summary>
public sealed record AttrAddActionTrigger(string? ActionTriggersId, string? Tenant, string? Account, string? ThresholdType, decimal ThresholdValue,
    string? BalanceId, string? BalanceType, string? BalanceDestinationIds, string? BalanceRatingSubject, decimal BalanceWeight,
    string? BalanceExpiryTime, string? BalanceSharedGroup, decimal Weight, string? ActionsId);
