namespace Obol.Accounting;

/// <summary>What actions and triggers do with a <see cref="BalanceFilter"/> besides matching: build a balance from it,
/// copy it onto one, compare two filters (CGRateS parity: engine/balance_filter.go).</summary>
internal static class BalanceFilterOperations
{
    /// <summary>CGRateS parity: BalanceFilter.CreateBalance — unset fields take their zero value.</summary>
    public static Balance CreateBalance(this BalanceFilter filter)
    {
        var balance = new Balance
        {
            Uuid = filter.Uuid ?? "",
            ID = filter.ID ?? "",
            ExpirationDate = filter.ExpirationDateSet ? filter.ExpirationDate : null,
            Weight = filter.Weight ?? 0m,
            DestinationIDs = filter.DestinationIDs?.Clone() ?? [],
            RatingSubject = filter.RatingSubject ?? "",
            Categories = filter.Categories?.Clone() ?? [],
            SharedGroups = filter.SharedGroups?.Clone() ?? [],
            Timings = filter.Timings is { } timings ? [.. timings] : [],
            TimingIDs = filter.TimingIDs?.Clone() ?? [],
            Disabled = filter.Disabled ?? false,
            Factors = filter.Factors is { } factors ? new Dictionary<string, decimal>(factors, StringComparer.Ordinal) : new(StringComparer.Ordinal),
            Blocker = filter.Blocker ?? false,
        };
        balance.LoadValue(filter.Value ?? 0m);
        return balance;
    }

    /// <summary>CGRateS parity: BalanceFilter.ModifyBalance — copies every set field and marks the balance dirty.
    /// The value is assigned as given, without the rounding of Balance.SetValue, as CGRateS assigns it.</summary>
    public static void ModifyBalance(this BalanceFilter filter, Balance balance)
    {
        if (filter.ID is { } id)
        {
            balance.ID = id;
        }
        if (filter.Value is { } value)
        {
            balance.LoadValue(value);
        }
        if (filter.ExpirationDateSet)
        {
            balance.ExpirationDate = filter.ExpirationDate;
        }
        if (filter.RatingSubject is { } subject)
        {
            balance.RatingSubject = subject;
        }
        if (filter.Categories is { } categories)
        {
            balance.Categories = categories.Clone();
        }
        if (filter.DestinationIDs is { } destinations)
        {
            balance.DestinationIDs = destinations.Clone();
        }
        if (filter.SharedGroups is { } groups)
        {
            balance.SharedGroups = groups.Clone();
        }
        if (filter.TimingIDs is { } timingIds)
        {
            balance.TimingIDs = timingIds.Clone();
            if (timingIds.Count == 0)
            {
                balance.Timings = [];
            }
        }
        if (filter.Timings is { Count: > 0 } timings)
        {
            balance.Timings = [.. timings];
        }
        if (filter.Weight is { } weight)
        {
            balance.Weight = weight;
        }
        if (filter.Factors is { } factors)
        {
            balance.Factors = new Dictionary<string, decimal>(factors, StringComparer.Ordinal);
        }
        if (filter.Blocker is { } blocker)
        {
            balance.Blocker = blocker;
        }
        if (filter.Disabled is { } disabled)
        {
            balance.Disabled = disabled;
        }
        balance.Dirty = true;
    }

    /// <summary>CGRateS parity: BalanceFilter.Equal — by ID when both have one, otherwise every field (reflect.DeepEqual,
    /// so an unset list differs from an empty one).</summary>
    public static bool SameFilter(BalanceFilter? a, BalanceFilter? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (a.ID is not null && b.ID is not null)
        {
            return a.ID == b.ID;
        }
        return a.Uuid == b.Uuid && a.ID == b.ID && a.Type == b.Type && a.Value == b.Value
            && a.ExpirationDateSet == b.ExpirationDateSet && a.ExpirationDate == b.ExpirationDate
            && a.Weight == b.Weight && a.RatingSubject == b.RatingSubject && a.Disabled == b.Disabled && a.Blocker == b.Blocker
            && SameMap(a.DestinationIDs, b.DestinationIDs) && SameMap(a.Categories, b.Categories)
            && SameMap(a.SharedGroups, b.SharedGroups) && SameMap(a.TimingIDs, b.TimingIDs)
            && SameFactors(a.Factors, b.Factors) && SameTimings(a.Timings, b.Timings);
    }

    private static bool SameMap(StringMap? a, StringMap? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameFactors(Dictionary<string, decimal>? a, Dictionary<string, decimal>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static bool SameTimings(IReadOnlyList<Rating.Timing>? a, IReadOnlyList<Rating.Timing>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        return a.Count == b.Count && a.Zip(b).All(p => p.First.Id == p.Second.Id);
    }
}
