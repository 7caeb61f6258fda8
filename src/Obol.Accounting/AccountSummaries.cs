using Obol.Rating;

namespace Obol.Accounting;

/// <summary>Account.AsAccountSummary: the balances in CGRateS's type order, a balance without ID named by its UUID.</summary>
public static class AccountSummaries
{
    private static readonly string[] s_typeOrder =
        [BalanceTypes.Data, BalanceTypes.Sms, BalanceTypes.Mms, BalanceTypes.Voice, BalanceTypes.Generic, BalanceTypes.Monetary];

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
