using Obol.Rating;

namespace Obol.Accounting;

/// <summary>The unit counters of an account: feeding them, (re)building them from the triggers, zeroing them
/// (CGRateS parity: engine/units_counter.go and Account.InitCounters).</summary>
internal static class UnitCounting
{
    /// <summary>CGRateS parity: UnitCounters.addUnits — <c>*event</c> counters count amounts of matching calls,
    /// <c>*balance</c> counters amounts taken from matching balances.</summary>
    public static void AddUnits(Account account, decimal amount, string kind, CounterContext call, Balance? balance, IRatingDataSource destinations)
    {
        if (!account.UnitCounters.TryGetValue(kind, out var counters))
        {
            return;
        }
        foreach (var uc in counters)
        {
            if (uc.CounterType.Length == 0)
            {
                uc.CounterType = ThresholdTypes.EventCounter;
            }
            foreach (var c in uc.Counters)
            {
                if (uc.CounterType == ThresholdTypes.EventCounter && MatchesCall(c.Filter, call, destinations))
                {
                    c.Value += amount;
                }
                else if (uc.CounterType == ThresholdTypes.BalanceCounter && balance is not null
                    && c.Filter.Matches(balance, "", skipIds: true))
                {
                    c.Value += amount;
                }
            }
        }
    }

    /// <summary>CGRateS parity: CallCost.MatchCCFilter. A destination id listed as excluded (<c>!DST</c>) still matches:
    /// CGRateS only checks that the id is a key of the map.</summary>
    public static bool MatchesCall(BalanceFilter filter, CounterContext call, IRatingDataSource destinations)
    {
        if (filter.Categories is { } categories && !string.IsNullOrEmpty(call.Category) && !categories.GetValueOrDefault(call.Category))
        {
            return false;
        }
        if (filter.DestinationIDs is not { } wanted || string.IsNullOrEmpty(call.Destination))
        {
            return true;
        }
        foreach (var match in destinations.MatchDestination(call.Destination))
        {
            foreach (var id in match.Value.DestinationIds)
            {
                if (wanted.ContainsKey(id))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>CGRateS parity: Account.InitCounters — one counter per counter trigger (its balance filter, named by the
    /// trigger's UniqueID when the filter has no ID), grouped by balance type and counter type; counters that existed
    /// before keep their values.</summary>
    public static void InitCounters(Account account)
    {
        var old = account.UnitCounters;
        var fresh = new Dictionary<string, List<UnitCounter>>(StringComparer.Ordinal);
        var byKey = new Dictionary<(string Type, string CounterType), UnitCounter>();
        foreach (var at in account.ActionTriggers)
        {
            if (!ThresholdTypes.WatchesCounters(at.ThresholdType))
            {
                continue;
            }
            var counterType = at.ThresholdType.Contains("balance", StringComparison.Ordinal) ? ThresholdTypes.BalanceCounter : ThresholdTypes.EventCounter;
            var type = at.Balance.TypeOrEmpty;
            if (!byKey.TryGetValue((type, counterType), out var uc))
            {
                uc = new UnitCounter { CounterType = counterType };
                byKey[(type, counterType)] = uc;
                if (!fresh.TryGetValue(type, out var list))
                {
                    fresh[type] = list = [];
                }
                list.Add(uc);
            }
            var filter = string.IsNullOrEmpty(at.Balance.ID) && at.UniqueID.Length > 0 ? at.Balance with { ID = at.UniqueID } : at.Balance;
            if (!uc.Counters.Exists(c => BalanceFilterOperations.SameFilter(c.Filter, filter)))
            {
                uc.Counters.Add(new CounterFilter { Filter = filter });
            }
        }
        foreach (var (type, counters) in fresh)
        {
            if (!old.TryGetValue(type, out var oldCounters))
            {
                continue;
            }
            foreach (var uc in counters)
            {
                foreach (var oldUc in oldCounters)
                {
                    if (CopyValues(uc, oldUc))
                    {
                        break;
                    }
                }
            }
        }
        account.UnitCounters = fresh;
    }

    /// <summary>CGRateS parity: UnitCounters.resetCounters — zeroes the counters of the filter's balance type whose filter
    /// equals it (all counters without a filter).</summary>
    public static void ResetCounters(Account account, BalanceFilter? filter)
    {
        foreach (var (type, counters) in account.UnitCounters)
        {
            if (filter?.Type is { } wanted && wanted != type)
            {
                continue;
            }
            foreach (var uc in counters)
            {
                foreach (var c in uc.Counters)
                {
                    if (filter is null || BalanceFilterOperations.SameFilter(c.Filter, filter))
                    {
                        c.Value = 0;
                    }
                }
            }
        }
    }

    // CGRateS parity: UnitCounter.CopyCounterValues — only between counters of the same type.
    private static bool CopyValues(UnitCounter into, UnitCounter from)
    {
        if (into.CounterType != from.CounterType)
        {
            return false;
        }
        foreach (var c in into.Counters)
        {
            var previous = from.Counters.Find(o => BalanceFilterOperations.SameFilter(c.Filter, o.Filter));
            if (previous is not null)
            {
                c.Value = previous.Value;
            }
        }
        return true;
    }
}
