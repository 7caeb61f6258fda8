using System.Globalization;
using System.Text.Json;
using Obol.Primitives;

namespace Obol.Accounting;

/// <summary><c>*transfer_balance</c>: units moved from one balance to another, of the same or another account.</summary>
public sealed partial class ActionExecutor
{
    /// <summary>
    /// CGRateS parity: transferBalanceAction. The source balance is the account's balance with the action's balance ID
    /// (of any type); the destination, named by ExtraParameters (DestinationAccountID as <c>tenant:account</c>,
    /// DestinationBalanceID, optional DestinationReferenceValue), is the destination account's balance of the same type
    /// with that ID, created when missing. The units are the action's value, or what brings the destination to the
    /// reference value. Neither balance may go below zero unless it is <c>*default</c>. Another account must be held by
    /// the run (<see cref="ActionRun.Held"/>); both accounts' triggers are evaluated.
    /// </summary>
    private string? TransferBalance(ActionRun run, AccountAction action)
    {
        var source = run.Account;
        if (string.IsNullOrEmpty(action.Balance.ID))
        {
            return "source balance ID is missing";
        }
        if (action.ExtraParameters.Length == 0)
        {
            return "ExtraParameters used to identify the destination balance are missing";
        }
        if (source.BalanceMap.Count == 0)
        {
            return $"account {source.Id} has no balances to transfer from";
        }
        var (sourceBalance, type) = FindBalance(source, b => b.ID == action.Balance.ID, null);
        if (sourceBalance is null || sourceBalance.IsExpiredAt(run.Now))
        {
            return "source balance not found or expired";
        }
        TransferTarget? target;
        try
        {
            target = JsonSerializer.Deserialize<TransferTarget>(action.ExtraParameters);
        }
        catch (JsonException e)
        {
            return e.Message;
        }
        var destinationId = target?.DestinationAccountID ?? "";
        Account? destination = destinationId == source.Id ? source : run.Held.GetValueOrDefault(destinationId);
        if (destination is null)
        {
            return $"retrieving destination account failed: {(run.Held.ContainsKey(destinationId) || destinationId.Length == 0 ? ErrorCodes.NotFound : "the account is not held by this action run")}";
        }
        var destinationBalance = destination.FindBalanceById(type!, target!.DestinationBalanceID ?? "");
        if (destinationBalance is not null && destinationBalance.IsExpiredAt(run.Now))
        {
            return "destination balance expired";
        }
        if (destinationBalance is null)
        {
            destinationBalance = new Balance { ID = target.DestinationBalanceID ?? "", Uuid = _newUuid(), Owner = destination };
            destination.BalancesOf(type!).Add(destinationBalance);
        }
        var units = target.DestinationReferenceValue is { } reference ? reference - destinationBalance.Value : action.Balance.Value ?? 0m;
        if (units == 0)
        {
            return "transfer amount is missing or 0";
        }
        if (sourceBalance.ID != Meta.Default && units > sourceBalance.Value)
        {
            return Insufficient("source", sourceBalance, source, units);
        }
        if (destinationBalance.ID != Meta.Default && -units > destinationBalance.Value)
        {
            return Insufficient("destination", destinationBalance, destination, units);
        }
        sourceBalance.SubtractValue(units, _options.RoundingDecimals);
        destinationBalance.AddValue(units, _options.RoundingDecimals);
        run.BalanceValues[run.Index] = sourceBalance.Value;
        if (!ReferenceEquals(destination, source))
        {
            run.Touched.Add(destination);
            ActionTriggerEngine.InitCounters(destination);
            _triggers.ExecuteTriggers(destination, null);
        }
        ActionTriggerEngine.InitCounters(source);
        _triggers.ExecuteTriggers(source, null);
        return null;
    }

    private static string Insufficient(string side, Balance balance, Account account, decimal units) =>
        string.Create(CultureInfo.InvariantCulture,
            $"insufficient credits in {side} balance \"{balance.ID}\" (account \"{account.Id}\") for transfer of {units:F2} units");

    /// <summary>The ExtraParameters of <c>*transfer_balance</c>.</summary>
    public sealed record TransferTarget(string? DestinationAccountID, string? DestinationBalanceID, decimal? DestinationReferenceValue);
}
