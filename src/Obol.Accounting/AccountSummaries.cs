using Obol.Rating;

namespace Obol.Accounting;

/// <summary>Account.AsAccountSummary: the balances in CGRateS's type order, a balance without ID named by its UUID.</summary>
public static class AccountSummaries
{
    private static readonly string[] s_typeOrder =
        [BalanceTypes.Data, BalanceTypes.Sms, BalanceTypes.Mms, BalanceTypes.Voice, BalanceTypes.Generic, BalanceTypes.Monetary];

    /// <summary>
    /// What Account.Publish sends: the account now, each balance with Initial its value in <paramref name="before"/>
    /// (0 for a balance the change created); a balance the change removed is not in it.
    /// </summary>
    public static AccountSummary Published(Account account, IReadOnlyDictionary<string, decimal> before)
    {
        var summary = Of(account);
        foreach (var b in summary.BalanceSummaries ?? [])
        {
            b.Initial = before.TryGetValue(b.UUID, out var value) ? value : 0m;
        }
        return summary;
    }

    /// <summary>Each balance's value by UUID, for <see cref="Published"/> after a change.</summary>
    public static Dictionary<string, decimal> Values(Account account)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var list in account.BalanceMap.Values)
        {
            foreach (var b in list)
            {
                values[b.Uuid] = b.Value;
            }
        }
        return values;
    }

    /// <summary>Whether a change since the last save moved one of the account's balances.</summary>
    public static bool Moved(Account account)
    {
        foreach (var list in account.BalanceMap.Values)
        {
            if (list.Exists(b => b.Dirty))
            {
                return true;
            }
        }
        return false;
    }

    public static AccountSummary Of(Account account)
    {
        var count = 0;
        foreach (var type in s_typeOrder)
        {
            count += account.BalanceMap.TryGetValue(type, out var list) ? list.Count : 0;
        }
        var balances = count == 0 ? null : new BalanceSummary[count];
        var i = 0;
        foreach (var type in s_typeOrder)
        {
            if (!account.BalanceMap.TryGetValue(type, out var list))
            {
                continue;
            }
            foreach (var b in list)
            {
                balances![i++] = new BalanceSummary
                {
                    UUID = b.Uuid,
                    ID = b.ID.Length == 0 ? b.Uuid : b.ID,
                    Type = type,
                    Value = b.Value,
                    Weight = b.Weight,
                    Disabled = b.Disabled,
                    Factors = b.Factors.Count == 0 ? null : new Dictionary<string, decimal>(b.Factors, StringComparer.Ordinal),
                };
            }
        }
        return new AccountSummary
        {
            Tenant = account.Tenant,
            AccountID = account.AccountId,
            BalanceSummaries = balances,
            AllowNegative = account.AllowNegative,
            Disabled = account.Disabled,
        };
    }
}
