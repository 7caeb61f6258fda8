using System.Globalization;
using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Api.JsonRpc;
using Obol.Primitives;

namespace Obol.Api;

/// <summary>Action lists and action plans set over the API (apier/v1/apier.go SetActions … RemoveActionPlan).</summary>
public sealed partial class ApierService
{
    private void RegisterActions(JsonRpcDispatcher dispatcher)
    {
        // v1's Units is a number, so its actions always carry a value; v2's only when Units was given.
        dispatcher.Add<AttrSetActions, string>("APIerSv1.SetActions", (a, ct) =>
            SetActionsAsync(a with { Actions = a.Actions?.ConvertAll(x => x with { Units = x.Units ?? 0 }) }, ct));
        dispatcher.Add<string, List<TpActionWire>>("APIerSv1.GetActions", (id, _) => ValueTask.FromResult(GetActions(id)));
        // APIerSv2's own: every action list counted.
        dispatcher.Add<object?, int>("APIerSv2.GetActionsCount", (_, _) => ValueTask.FromResult(rals.ActionIds.Count is > 0 and var count
            ? RpcResult.Ok(count) : RpcResult.Fail<int>(ErrorCodes.NotFound)));
        dispatcher.Add<AttrRemoveActions, string>("APIerSv1.RemoveActions", async (a, ct) =>
            a.ActionIDs is null ? RpcResult.Fail<string>(ErrorCodes.NotFound) : Reply(await rals.RemoveActionsAsync(a.ActionIDs, ct).ConfigureAwait(false)));
        dispatcher.Add<AttrSetActionPlan, string>("APIerSv1.SetActionPlan", (a, ct) => SetActionPlanAsync(a, [], ct));
        // The same plan bound at once to the accounts given (tenant:account), which its *asap timings then run for.
        dispatcher.Add<AttrSetActionPlanAccounts, string>("APIerSv1.SetActionPlanAccounts", (a, ct) =>
            SetActionPlanAsync(new AttrSetActionPlan(a.Id, a.ActionPlan, a.Overwrite, a.ReloadScheduler), a.AccountIDs ?? [], ct));
        dispatcher.Add<AttrGetActionPlan, List<ActionPlanWire>>("APIerSv1.GetActionPlan", (a, _) => ValueTask.FromResult(GetActionPlan(a)));
        dispatcher.Add<AttrGetActionPlan, string>("APIerSv1.RemoveActionPlan", async (a, ct) => string.IsNullOrEmpty(a.ID)
            ? RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("ID"))
            : Reply(await rals.RemoveActionPlanAsync(a.ID, ct).ConfigureAwait(false)));
        dispatcher.Add<AttrRemoveActionTiming, string>("APIerSv1.RemoveActionTiming", async (a, ct) => string.IsNullOrWhiteSpace(a.ActionPlanId)
            ? RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields("ActionPlanId"))
            : await rals.RemoveActionTimingAsync(a.ActionPlanId, a.ActionTimingId ?? "",
                string.IsNullOrEmpty(a.Account) ? null : Or(a.Tenant, defaultTenant) + ":" + a.Account, ct).ConfigureAwait(false) is { } error
                ? RpcResult.Fail<string>(ErrorCodes.ServerErrorWith(error)) : Ok);
        dispatcher.Add<AttrGetAccount, List<AccountActionTimingWire>>("APIerSv1.GetAccountActionPlan", (a, _) => ValueTask.FromResult(GetAccountActionPlan(a)));
        dispatcher.Add<TenantArgs, string[]>("APIerSv1.GetActionPlanIDs", (_, _) => ValueTask.FromResult<RpcResult<string[]>>(
            (string[])[.. rals.ActionPlans.Select(p => p.Id).Order(StringComparer.Ordinal)]));
    }

    private async ValueTask<RpcResult<string>> SetActionsAsync(AttrSetActions args, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.ActionsId) || args.Actions is null)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(
                Missing(("ActionsId", string.IsNullOrEmpty(args.ActionsId)), ("Actions", args.Actions is null))));
        }
        var actions = new List<AccountAction>(args.Actions.Count);
        foreach (var a in args.Actions)
        {
            if (string.IsNullOrEmpty(a.Identifier))
            {
                return RpcResult.Fail<string>($"{ErrorCodes.MandatoryIeMissing}:Action:{a.Identifier}:[Identifier]");
            }
            if (!TryFlag(a.BalanceBlocker, out var blocker) || !TryFlag(a.BalanceDisabled, out var disabled))
            {
                return RpcResult.Fail<string>($"strconv.ParseBool: parsing \"{(TryFlag(a.BalanceBlocker, out _) ? a.BalanceDisabled : a.BalanceBlocker)}\": invalid syntax");
            }
            actions.Add(new AccountAction
            {
                Id = args.ActionsId,
                ActionType = a.Identifier,
                Weight = a.Weight,
                ExpiryTime = a.ExpiryTime ?? "",
                ExtraParameters = a.ExtraParameters ?? "",
                FilterIds = a.Filters ?? [],
                Balance = new BalanceFilter
                {
                    Uuid = a.BalanceUuid ?? "",
                    ID = a.BalanceId ?? "",
                    Type = a.BalanceType ?? "",
                    Value = a.Units,
                    Weight = a.BalanceWeight,
                    DestinationIDs = StringMap.Parse(a.DestinationIds),
                    RatingSubject = a.RatingSubject ?? "",
                    SharedGroups = StringMap.Parse(a.SharedGroups),
                    Categories = StringMap.Parse(a.Categories),
                    TimingIDs = StringMap.Parse(a.TimingTags),
                    Blocker = blocker,
                    Disabled = disabled,
                },
            });
        }
        return Reply(await rals.SetActionsAsync(args.ActionsId, actions, args.Overwrite, ct).ConfigureAwait(false));
    }

    /// <summary>utils.TPAction per action, numbers as Go's FormatFloat(f, -1) strings.</summary>
    public RpcResult<List<TpActionWire>> GetActions(string? actionsId)
    {
        if (string.IsNullOrEmpty(actionsId))
        {
            return RpcResult.Fail<List<TpActionWire>>($"{ErrorCodes.MandatoryIeMissing} ActionsId: ");
        }
        if (rals.GetActions(actionsId) is not { } actions)
        {
            return RpcResult.Fail<List<TpActionWire>>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound));
        }
        return actions.Select(a => new TpActionWire(a.ActionType, a.Balance.ID ?? "", a.Balance.Uuid ?? "", a.Balance.Type ?? "",
            AccountJson.FormatPlain(a.Balance.Value ?? 0), a.ExpiryTime, string.Join(';', a.FilterIds), a.Balance.TimingIDs?.ToString() ?? "",
            a.Balance.DestinationIDs?.ToString() ?? "", a.Balance.RatingSubject ?? "", a.Balance.Categories?.ToString() ?? "",
            a.Balance.SharedGroups?.ToString() ?? "", AccountJson.FormatPlain(a.Balance.Weight ?? 0), a.ExtraParameters,
            (a.Balance.Blocker ?? false) ? "true" : "false", (a.Balance.Disabled ?? false) ? "true" : "false", a.Weight)).ToList();
    }

    private async ValueTask<RpcResult<string>> SetActionPlanAsync(AttrSetActionPlan args, IReadOnlyList<string> accountIds, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(args.Id) || args.ActionPlan is null)
        {
            return RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(
                Missing(("Id", string.IsNullOrEmpty(args.Id)), ("ActionPlan", args.ActionPlan is null))));
        }
        var timings = new List<ActionTiming>();
        foreach (var at in args.ActionPlan)
        {
            if (string.IsNullOrEmpty(at.ActionsId) || string.IsNullOrEmpty(at.Time))
            {
                return RpcResult.Fail<string>($"{ErrorCodes.MandatoryIeMissing}:Action:{at.ActionsId}:[{(string.IsNullOrEmpty(at.ActionsId) ? "ActionsId" : "Time")}]");
            }
            var schedule = PredefinedTimings.IsPredefined(at.Time)
                ? PredefinedTimings.Create(at.Time, clock.GetCurrentInstant().InZone(defaultZone))
                : ActionTimingSchedule.TryCreate(at.TimingID ?? "", Ints(at.Years), Ints(at.Months), Ints(at.MonthDays), Ints(at.WeekDays), at.Time,
                    out var parsed, out _) ? parsed : null;
            if (schedule is null)
            {
                return RpcResult.Fail<string>($"UNSUPPORTED_FORMAT:{at.Time}");
            }
            timings.Add(new ActionTiming(AccountService.NewUuid(), schedule, at.ActionsId, at.Weight));
        }
        var plan = new ActionPlan(args.Id, timings, new HashSet<string>(accountIds.Where(id => id.Length > 0), StringComparer.Ordinal));
        return Reply(await rals.SetActionPlanAsync(plan, args.Overwrite, ct).ConfigureAwait(false));
    }

    /// <summary>Empty id or <c>*</c> lists every plan.</summary>
    public RpcResult<List<ActionPlanWire>> GetActionPlan(AttrGetActionPlan args)
    {
        if (string.IsNullOrEmpty(args.ID) || args.ID == "*")
        {
            return rals.ActionPlans.Select(ActionPlanWire.From).ToList();
        }
        return rals.GetActionPlan(args.ID) is { } plan ? new List<ActionPlanWire> { ActionPlanWire.From(plan) } : RpcResult.Fail<List<ActionPlanWire>>(ErrorCodes.NotFound);
    }

    private RpcResult<List<AccountActionTimingWire>> GetAccountActionPlan(AttrGetAccount args)
    {
        if (string.IsNullOrEmpty(args.Account))
        {
            return RpcResult.Fail<List<AccountActionTimingWire>>(ErrorCodes.MandatoryIeMissingFields("Account"));
        }
        var now = clock.GetCurrentInstant();
        return rals.PlansOf(Or(args.Tenant, defaultTenant) + ":" + args.Account)
            .SelectMany(p => p.ActionTimings.Select(t => new AccountActionTimingWire(p.Id, t.Uuid, t.ActionsId,
                (t.Schedule.NextStartTime(now, defaultZone) ?? Instant.FromUtc(1, 1, 1, 0, 0)).WithOffset(Offset.Zero))))
            .ToList();
    }

    private static RpcResult<string> Reply(string? error) => error is null ? Ok : RpcResult.Fail<string>(error);

    /// <summary>Go's strconv.ParseBool; empty leaves the flag unset.</summary>
    private static bool TryFlag(string? text, out bool? flag)
    {
        flag = text switch
        {
            null or "" => null,
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => null,
        };
        return flag is not null || string.IsNullOrEmpty(text);
    }

    private static int[] Ints(string? list) => string.IsNullOrEmpty(list) || list == Meta.Any
        ? []
        : [.. list.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
}

/// <summary>v1.V1AttrSetActions.</summary>
public sealed record AttrSetActions(string? ActionsId, bool Overwrite, List<TpActionArgs>? Actions);

/// <summary>v1.V1TPAction.</summary>
public sealed record TpActionArgs(string? Identifier, string? BalanceId, string? BalanceUuid, string? BalanceType, decimal? Units, string? ExpiryTime,
    string[]? Filters, string? TimingTags, string? DestinationIds, string? RatingSubject, string? Categories, string? SharedGroups,
    decimal? BalanceWeight, string? ExtraParameters, string? BalanceBlocker, string? BalanceDisabled, decimal Weight);

/// <summary>utils.TPAction.</summary>
public sealed record TpActionWire(string Identifier, string BalanceId, string BalanceUuid, string BalanceType, string Units, string ExpiryTime,
    string Filters, string TimingTags, string DestinationIds, string RatingSubject, string Categories, string SharedGroups, string BalanceWeight,
    string ExtraParameters, string BalanceBlocker, string BalanceDisabled, decimal Weight);

/// <summary>v1.AttrRemoveActions.</summary>
public sealed record AttrRemoveActions(string[]? ActionIDs);

/// <summary>engine.AttrSetActionPlan.</summary>
public sealed record AttrSetActionPlan(string? Id, List<AttrActionPlan>? ActionPlan, bool Overwrite, bool ReloadScheduler);

/// <summary>v1.AttrRemoveActionTiming.</summary>
public sealed record AttrRemoveActionTiming(string? ActionPlanId, string? ActionTimingId, string? Tenant, string? Account, bool ReloadScheduler);

/// <summary>engine.AttrSetActionPlanAccounts.</summary>
public sealed record AttrSetActionPlanAccounts(string? Id, List<AttrActionPlan>? ActionPlan, List<string>? AccountIDs, bool Overwrite, bool ReloadScheduler);

/// <summary>engine.AttrActionPlan: the list fields are <c>;</c>-separated.</summary>
public sealed record AttrActionPlan(string? ActionsId, string? TimingID, string? Years, string? Months, string? MonthDays, string? WeekDays, string? Time,
    decimal Weight);

/// <summary>v1.AttrGetActionPlan.</summary>
public sealed record AttrGetActionPlan(string? ID);

/// <summary>v1.AccountActionTiming.</summary>
public sealed record AccountActionTimingWire(string ActionPlanId, string Uuid, string ActionsId, OffsetDateTime NextExecTime);

/// <summary>engine.ActionPlan.</summary>
public sealed record ActionPlanWire(string Id, IReadOnlyDictionary<string, bool>? AccountIDs, List<ActionTimingWire> ActionTimings)
{
    public static ActionPlanWire From(ActionPlan plan) => new(plan.Id,
        plan.AccountIds.Count == 0 ? null : new SortedDictionary<string, bool>(plan.AccountIds.ToDictionary(id => id, _ => true), StringComparer.Ordinal),
        [.. plan.ActionTimings.Select(t => new ActionTimingWire(t.Uuid, new ActionTimingRateInterval(new TimingWire(t.Schedule.TimingId, t.Schedule.Years,
            t.Schedule.Months, t.Schedule.MonthDays, t.Schedule.WeekDays, t.Schedule.StartTime, ""), null, 0), t.ActionsId, null, t.Weight))]);
}

/// <summary>engine.ActionTiming.</summary>
public sealed record ActionTimingWire(string Uuid, ActionTimingRateInterval Timing, string ActionsID, object? ExtraData, decimal Weight);

/// <summary>The RateInterval an ActionTiming carries its timing in.</summary>
public sealed record ActionTimingRateInterval(TimingWire Timing, RateTableWire? Rating, decimal Weight);
