using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// Which balances may pay a call, in which order (CGRateS parity: Account.getBalancesForPrefix,
/// getAlldBalancesForPrefix, SharedGroup.GetBalances and SortBalancesByStrategy).
/// </summary>
internal sealed class BalanceSelection(IRatingDataSource rating, ISharedGroupSource sharedGroups)
{
    /// <summary>The usable balances of <paramref name="type"/> with shared-group balances expanded from
    /// <paramref name="members"/> (accounts already loaded and locked by the caller).</summary>
    public List<Balance> Usable(Account account, string destination, string category, string type, Instant at,
        IReadOnlyDictionary<string, Account> members)
    {
        var own = ForPrefix(account, destination, category, type, null, at);
        if (!own.Exists(static b => b.SharedGroups.Count > 0))
        {
            return own;
        }
        var result = new List<Balance>(own.Count);
        foreach (var b in own)
        {
            if (b.SharedGroups.Count == 0)
            {
                result.Add(b);
                continue;
            }
            foreach (var groupId in b.SharedGroups.Keys)
            {
                if (sharedGroups.GetSharedGroup(groupId) is not { } group)
                {
                    continue;
                }
                var pooled = new List<Balance>();
                foreach (var memberId in group.MemberIds)
                {
                    var member = memberId == account.Id ? account : members.GetValueOrDefault(memberId);
                    if (member is null || member.Disabled)
                    {
                        continue;
                    }
                    pooled.AddRange(ForPrefix(member, destination, category, type, groupId, at));
                }
                result.AddRange(SortByStrategy(group, b, pooled));
            }
        }
        return result;
    }

    private List<Balance> ForPrefix(Account account, string destination, string category, string type, string? sharedGroup, Instant at)
    {
        account.BalanceMap.TryGetValue(type, out var own);
        List<Balance>? generic = null;
        if (type != BalanceTypes.Monetary && type != BalanceTypes.Generic)
        {
            account.BalanceMap.TryGetValue(BalanceTypes.Generic, out generic);
        }
        var useful = new List<Balance>((own?.Count ?? 0) + (generic?.Count ?? 0));
        Collect(own, account, destination, category, sharedGroup, at, useful);
        Collect(generic, account, destination, category, sharedGroup, at, useful);
        // CGRateS parity: Balances.Sort — destination precision first, then weight, both descending.
        SortByPrecisionThenWeight(useful);
        foreach (var b in useful)
        {
            b.Precision = 0;
        }
        return useful;
    }

    private void Collect(List<Balance>? candidates, Account account, string destination, string category, string? sharedGroup, Instant at,
        List<Balance> useful)
    {
        if (candidates is null)
        {
            return;
        }
        foreach (var b in candidates)
        {
            if (b.Disabled || b.IsExpiredAt(at) || (b.SharedGroups.Count == 0 && b.Value <= 0 && !b.Blocker))
            {
                continue;
            }
            if (sharedGroup is not null && !b.SharedGroups.GetValueOrDefault(sharedGroup))
            {
                continue;
            }
            if (!b.MatchCategory(category))
            {
                continue;
            }
            b.Owner = account;
            b.Precision = 0;
            if (!b.DestinationIDs.IsRestrictive)
            {
                useful.Add(b);
                continue;
            }
            MatchDestination(b, destination, useful);
        }
    }

    // CGRateS parity: at the first prefix whose destinations the balance names (or any prefix when it only excludes),
    // it is usable only if every named destination there is included.
    private void MatchDestination(Balance b, string destination, List<Balance> useful)
    {
        var allExclude = true;
        foreach (var included in b.DestinationIDs.Values)
        {
            if (included)
            {
                allExclude = false;
                break;
            }
        }
        foreach (var match in rating.MatchDestination(destination))
        {
            var found = false;
            var allInclude = true;
            foreach (var id in match.Value.DestinationIds)
            {
                if (b.DestinationIDs.TryGetValue(id, out var included))
                {
                    found = true;
                    allInclude &= included;
                }
            }
            if (found || allExclude)
            {
                if (allInclude)
                {
                    b.Precision = match.Length;
                    useful.Add(b);
                }
                return;
            }
        }
    }

    private static void SortByPrecisionThenWeight(List<Balance> balances)
    {
        // Insertion sort: stable and allocation-free for the handful of balances an account holds.
        for (var i = 1; i < balances.Count; i++)
        {
            var b = balances[i];
            var j = i - 1;
            while (j >= 0 && Before(b, balances[j]))
            {
                balances[j + 1] = balances[j];
                j--;
            }
            balances[j + 1] = b;
        }

        static bool Before(Balance a, Balance b) => a.Precision > b.Precision || (a.Precision == b.Precision && a.Weight > b.Weight);
    }

    private static List<Balance> SortByStrategy(SharedGroup group, Balance mine, List<Balance> pooled)
    {
        var parameters = group.AccountParameters.GetValueOrDefault(mine.Owner?.Id ?? "") ?? group.AccountParameters.GetValueOrDefault(Meta.Any);
        var strategy = string.IsNullOrEmpty(parameters?.Strategy) ? "*mine_random" : parameters.Strategy;
        switch (strategy)
        {
            case "*lowest" or "*mine_lowest":
                pooled.Sort(static (a, b) => a.Value.CompareTo(b.Value));
                break;
            case "*highest" or "*mine_highest":
                pooled.Sort(static (a, b) => b.Value.CompareTo(a.Value));
                break;
            default:
                if (strategy is not ("*random" or "*mine_random"))
                {
                    strategy = "*mine_random";
                }
                Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pooled));
                break;
        }
        if (strategy.StartsWith("*mine_", StringComparison.Ordinal))
        {
            var index = pooled.FindIndex(b => b.Uuid == mine.Uuid);
            if (index > 0)
            {
                (pooled[0], pooled[index]) = (pooled[index], pooled[0]);
            }
        }
        return pooled;
    }
}
