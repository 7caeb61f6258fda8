using System.Text.Json;
using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>The actions that change balance values: topups, debits, <c>*topup_zero_negative</c>, <c>*set_balance</c>.</summary>
public sealed partial class ActionExecutor
{
    /// <summary>
    /// CGRateS parity: Account.debitBalanceAction. Subtracts the filter's value from <b>every</b> unexpired balance of its
    /// type that the filter selects (all of them when it names no ID); with <paramref name="reset"/> they are zeroed
    /// first, with <paramref name="resetIfNegative"/> only the negative ones. When none is selected a balance is created
    /// from the filter (the <c>*default</c> one with its value only), with a new UUID and the ExtraParameters factors.
    /// </summary>
    private string? ChangeBalances(ActionRun run, AccountAction action, BalanceFilter filter, bool reset, bool resetIfNegative)
    {
        var account = run.Account;
        var decimals = _options.RoundingDecimals;
        var amount = filter.Value ?? 0m;
        var type = filter.TypeOrEmpty;
        var found = false;
        if (account.BalanceMap.TryGetValue(type, out var balances))
        {
            foreach (var b in balances)
            {
                if (b.IsExpiredAt(run.Now))
                {
                    continue;
                }
                b.Owner = account;
                if (!filter.Matches(b, ""))
                {
                    continue;
                }
                if (reset || (resetIfNegative && b.Value < 0))
                {
                    b.SetValue(0, decimals);
                }
                b.SubtractValue(amount, decimals);
                found = true;
                run.BalanceValues[run.Index] = b.Value;
            }
        }
        if (!found)
        {
            var created = CreateFrom(filter, amount, decimals);
            created.Uuid = _newUuid();
            created.Owner = account;
            run.BalanceValues[run.Index] = created.Value;
            if (action.ExtraParameters.Length != 0)
            {
                if (TryReadFactors(action.ExtraParameters, out var factors))
                {
                    created.Factors = factors;
                }
                else
                {
                    _effects.Log(ActionLogLevel.Warning, $"Could load value factors from actions: extra parametrs: {action.ExtraParameters}");
                }
            }
            account.BalancesOf(type).Add(created);
            JoinSharedGroups(account, created);
        }
        ActionTriggerEngine.InitCounters(account);
        _triggers.ExecuteTriggers(account, null);
        return null;
    }

    private static Balance CreateFrom(BalanceFilter filter, decimal amount, int decimals)
    {
        Balance created;
        if (filter.ID == Meta.Default)
        {
            // The default balance takes nothing from the filter but its value, assigned unrounded.
            created = new Balance { ID = Meta.Default };
            created.LoadValue(-amount);
        }
        else
        {
            created = filter.CreateBalance();
            if (amount != 0)
            {
                created.SetValue(-amount, decimals);
            }
        }
        created.Dirty = true;
        return created;
    }

    /// <summary>
    /// CGRateS parity: Account.setBalanceAction. Finds the balance by UUID (any type; an error when absent) or by ID
    /// within the filter's type, else creates it; then copies every set field, the value absolutely. The
    /// <c>*default</c> balance only takes the value.
    /// </summary>
    private string? SetBalance(ActionRun run, AccountAction action)
    {
        var account = run.Account;
        var filter = action.Balance;
        Balance? balance = null;
        StringMap? previousGroups = null;
        if (!string.IsNullOrEmpty(filter.Uuid))
        {
            balance = FindBalance(account, b => b.Uuid == filter.Uuid && !b.IsExpiredAt(run.Now), null).Balance;
            if (balance is null)
            {
                return $"cannot find balance with uuid: <{filter.Uuid}>";
            }
        }
        else
        {
            var type = string.IsNullOrEmpty(filter.Type) ? null : filter.Type;
            balance = FindBalance(account, b => filter.ID is not null && b.ID == filter.ID && !b.IsExpiredAt(run.Now), type).Balance;
        }
        var found = balance is not null;
        if (balance is null)
        {
            if (filter.Type is null)
            {
                return "missing balance type";
            }
            balance = new Balance { Uuid = _newUuid(), Owner = account };
            account.BalancesOf(filter.Type).Add(balance);
        }
        else
        {
            // ModifyBalance replaces the map, so this one keeps the groups from before.
            previousGroups = balance.SharedGroups;
        }
        if (filter.ID == Meta.Default)
        {
            if (filter.Value is { } value)
            {
                balance.ID = Meta.Default;
                balance.LoadValue(value);
                balance.Dirty = true;
            }
        }
        else
        {
            filter.ModifyBalance(balance);
        }
        if (!found || !previousGroups!.SameAs(balance.SharedGroups))
        {
            JoinSharedGroups(account, balance);
        }
        ActionTriggerEngine.InitCounters(account);
        _triggers.ExecuteTriggers(account, null);
        return null;
    }

    /// <summary>The first balance <paramref name="match"/> selects, of <paramref name="onlyType"/> or of any type, with its type.</summary>
    private static (Balance? Balance, string? Type) FindBalance(Account account, Func<Balance, bool> match, string? onlyType)
    {
        foreach (var (type, balances) in account.BalanceMap)
        {
            if (onlyType is not null && type != onlyType)
            {
                continue;
            }
            var found = balances.Find(b => match(b));
            if (found is not null)
            {
                return (found, type);
            }
        }
        return (null, null);
    }

    private void JoinSharedGroups(Account account, Balance balance)
    {
        foreach (var group in balance.SharedGroups.Keys)
        {
            _effects.JoinSharedGroup(group, account.Id);
        }
    }

    /// <summary>ExtraParameters as CGRateS ValueFactors: a JSON object of numbers, all or nothing.</summary>
    private static bool TryReadFactors(string json, out Dictionary<string, decimal> factors)
    {
        factors = new Dictionary<string, decimal>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return true;
            }
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDecimal(out var factor))
                {
                    return false;
                }
                factors[property.Name] = factor;
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
