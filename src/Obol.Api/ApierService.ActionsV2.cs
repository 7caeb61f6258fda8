using System.Globalization;
using Obol.Api.JsonRpc;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Api;

/// <summary>
/// APIerSv2's own action methods (apier/v2/apier.go): SetActions takes utils.TPAction, whose numbers are text to be
/// parsed, and GetActions answers engine.Action, the stored shape, for many lists at once.
/// </summary>
public sealed partial class ApierService
{
    private void RegisterActionsV2(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AttrSetActionsV2, string>("APIerSv2.SetActions", SetActionsV2Async);
        dispatcher.Add<AttrGetActionsV2, Dictionary<string, List<ActionWire>>?>("APIerSv2.GetActions", (a, _) => ValueTask.FromResult(GetActionsV2(a)));
    }

    private ValueTask<RpcResult<string>> SetActionsV2Async(AttrSetActionsV2 args, CancellationToken ct)
    {
        if (Missing(("ActionsId", string.IsNullOrWhiteSpace(args.ActionsId)), ("Actions", args.Actions is not { Count: > 0 })) is { Length: > 0 } missing)
        {
            return ValueTask.FromResult(RpcResult.Fail<string>(ErrorCodes.MandatoryIeMissingFields(missing)));
        }
        var actions = new List<TpActionArgs>(args.Actions!.Count);
        foreach (var a in args.Actions!)
        {
            var type = a.BalanceType?.Trim() ?? "";
            if (Missing(("Identifier", string.IsNullOrWhiteSpace(a.Identifier)), ("Units", type.Length > 0 && string.IsNullOrWhiteSpace(a.Units))) is { Length: > 0 } absent)
            {
                return ValueTask.FromResult(RpcResult.Fail<string>($"{ErrorCodes.MandatoryIeMissing}:Action:{a.Identifier}:[{string.Join(' ', absent)}]"));
            }
            decimal? units = null;
            // CGRateS's JSON value formulas parse, but an API action list keeps a plain value only: they are refused.
            if (!string.IsNullOrEmpty(a.Units) && !(AccountingDataBuilder.TryUnits(a.Units, type, out units, out _) && units is not null))
            {
                return ValueTask.FromResult(RpcResult.Fail<string>("Invalid value: " + a.Units));
            }
            decimal? weight = null;
            if (!string.IsNullOrEmpty(a.BalanceWeight))
            {
                if (!decimal.TryParse(a.BalanceWeight, NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
                {
                    return ValueTask.FromResult(RpcResult.Fail<string>($"strconv.ParseFloat: parsing \"{a.BalanceWeight}\": invalid syntax"));
                }
                weight = w;
            }
            actions.Add(new TpActionArgs(a.Identifier, a.BalanceId, a.BalanceUuid, a.BalanceType, units, a.ExpiryTime,
                string.IsNullOrEmpty(a.Filters) ? null : a.Filters.Split(';'), a.TimingTags, a.DestinationIds, a.RatingSubject, a.Categories,
                a.SharedGroups, weight, a.ExtraParameters, a.BalanceBlocker, a.BalanceDisabled, a.Weight));
        }
        return SetActionsAsync(new AttrSetActions(args.ActionsId, args.Overwrite, actions), ct);
    }

    /// <summary>The lists named (every list when none is), paged over their sorted IDs; a named list that does not
    /// exist fails the call, as CGRateS's lookup does.</summary>
    private RpcResult<Dictionary<string, List<ActionWire>>?> GetActionsV2(AttrGetActionsV2 args)
    {
        var ids = args.ActionIDs is { Count: > 0 } named ? named.Where(id => id.Length > 0).ToList() : [.. rals.ActionIds];
        if (ids.Count == 0)
        {
            return (Dictionary<string, List<ActionWire>>?)null;
        }
        var offset = Math.Clamp(args.Offset, 0, ids.Count);
        var page = args.Limit != 0 ? ids.Skip(offset).Take(args.Limit) : ids.Skip(offset);
        var reply = new Dictionary<string, List<ActionWire>>(StringComparer.Ordinal);
        foreach (var id in page)
        {
            if (rals.GetActions(id) is not { } actions)
            {
                return RpcResult.Fail<Dictionary<string, List<ActionWire>>?>(ErrorCodes.ServerErrorWith(ErrorCodes.NotFound));
            }
            if (actions.Count > 0)
            {
                reply[id] = [.. actions.Select(ActionWire.Of)];
            }
        }
        return reply;
    }
}

/// <summary>utils.AttrSetActions.</summary>
public sealed record AttrSetActionsV2(string? ActionsId, bool Overwrite, List<TpActionTextArgs>? Actions);

/// <summary>utils.TPAction as an argument: every balance field as text.</summary>
public sealed record TpActionTextArgs(string? Identifier, string? BalanceId, string? BalanceUuid, string? BalanceType, string? Units, string? ExpiryTime,
    string? Filters, string? TimingTags, string? DestinationIds, string? RatingSubject, string? Categories, string? SharedGroups, string? BalanceWeight,
    string? ExtraParameters, string? BalanceBlocker, string? BalanceDisabled, decimal Weight);

/// <summary>v2.AttrGetActions.</summary>
public sealed record AttrGetActionsV2(List<string>? ActionIDs, int Offset, int Limit);
