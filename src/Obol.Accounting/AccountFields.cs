using System.Globalization;
using NodaTime;

namespace Obol.Accounting;

/// <summary>
/// Account.FieldAsInterface, what a <c>~*accounts.&lt;account&gt;.…</c> filter path reads: <c>BalanceMap.*monetary[0].Value</c>,
/// <c>BalanceMap.*monetary.&lt;ID&gt;.Value</c>, <c>BalanceMap.*voice.GetTotalValue</c>, <c>BalanceMap[*sms]</c>, <c>Disabled</c>, …
/// </summary>
public static class AccountFields
{
    private const string GetTotalValue = "GetTotalValue";
    private static readonly Instant s_goZeroTime = Instant.FromUtc(1, 1, 1, 0, 0);

    /// <summary>False for what the account has not (NOT_FOUND in CGRateS); <paramref name="error"/> for a path no
    /// account has, with CGRateS's "unsupported field prefix" text.</summary>
    public static bool TryGet(Account account, ReadOnlySpan<string> path, out object? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(account);
        (value, error) = (null, null);
        if (path.Length == 0)
        {
            return false;
        }
        switch (path[0])
        {
            case "ID":
                return Leaf(path, account.Id, out value);
            case "AllowNegative":
                return Leaf(path, account.AllowNegative, out value);
            case "Disabled":
                return Leaf(path, account.Disabled, out value);
            case "BalanceMap":
                if (path.Length == 1)
                {
                    value = account.BalanceMap;
                    return true;
                }
                var (type, index) = Indexed(path[1]);
                if (!account.BalanceMap.TryGetValue(type, out var chain))
                {
                    return false;
                }
                if (index is not null)
                {
                    return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < chain.Count
                        && Balance(chain[i], path[2..], out value, out error);
                }
                return Chain(chain, path[2..], out value, out error);
            default:
                var (name, key) = Indexed(path[0]);
                if (name == "BalanceMap" && key is not null)
                {
                    return account.BalanceMap.TryGetValue(key, out var byKey) && Chain(byKey, path[1..], out value, out error);
                }
                error = Unsupported(path[0]);
                return false;
        }
    }

    // Balances.FieldAsInterface: the balance with that ID, else the one at that place; GetTotalValue sums the chain.
    private static bool Chain(List<Balance> chain, ReadOnlySpan<string> path, out object? value, out string? error)
    {
        (value, error) = (null, null);
        if (path.Length == 0)
        {
            value = chain;
            return true;
        }
        if (path[0] == GetTotalValue)
        {
            return Leaf(path, chain.Sum(b => b.Value), out value);
        }
        foreach (var b in chain)
        {
            if (b.ID == path[0])
            {
                return Balance(b, path[1..], out value, out error);
            }
        }
        if (!int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            error = $"strconv.Atoi: parsing \"{path[0]}\": invalid syntax";
            return false;
        }
        return i < chain.Count && Balance(chain[i], path[1..], out value, out error);
    }

    private static bool Balance(Balance b, ReadOnlySpan<string> path, out object? value, out string? error)
    {
        (value, error) = (null, null);
        if (path.Length == 0)
        {
            value = b;
            return true;
        }
        switch (path[0])
        {
            case "Uuid":
                return Leaf(path, b.Uuid, out value);
            case "ID":
                return Leaf(path, b.ID, out value);
            case "Value":
                return Leaf(path, b.Value, out value);
            case "ExpirationDate":
                // Go's zero time for a balance that never expires.
                return Leaf(path, b.ExpirationDate ?? s_goZeroTime, out value);
            case "Weight":
                return Leaf(path, b.Weight, out value);
            case "RatingSubject":
                return Leaf(path, b.RatingSubject, out value);
            case "Disabled":
                return Leaf(path, b.Disabled, out value);
            case "Blocker":
                return Leaf(path, b.Blocker, out value);
            case "DestinationIDs":
                return Set(b.DestinationIDs, path, out value);
            case "Categories":
                return Set(b.Categories, path, out value);
            case "SharedGroups":
                return Set(b.SharedGroups, path, out value);
            case "TimingIDs":
                return Set(b.TimingIDs, path, out value);
            case "Factors":
                if (path.Length == 1)
                {
                    value = b.Factors;
                    return true;
                }
                return path.Length == 2 && Found(b.Factors.TryGetValue(path[1], out var factor), factor, out value);
            default:
                var (name, key) = Indexed(path[0]);
                if (key is not null && path.Length == 1)
                {
                    switch (name)
                    {
                        case "DestinationIDs":
                            return Found(b.DestinationIDs.TryGetValue(key, out var d), d, out value);
                        case "Categories":
                            return Found(b.Categories.TryGetValue(key, out var c), c, out value);
                        case "SharedGroups":
                            return Found(b.SharedGroups.TryGetValue(key, out var s), s, out value);
                        case "TimingIDs":
                            return Found(b.TimingIDs.TryGetValue(key, out var t), t, out value);
                        case "Factors":
                            return Found(b.Factors.TryGetValue(key, out var f), f, out value);
                    }
                }
                error = Unsupported(path[0]);
                return false;
        }
    }

    private static bool Set(StringMap set, ReadOnlySpan<string> path, out object? value)
    {
        if (path.Length == 1)
        {
            value = set;
            return true;
        }
        var member = false;
        return Found(path.Length == 2 && set.TryGetValue(path[1], out member), member, out value);
    }

    private static bool Leaf(ReadOnlySpan<string> path, object? field, out object? value) => Found(path.Length == 1, field, out value);

    private static bool Found(bool found, object? field, out object? value)
    {
        value = found ? field : null;
        return found;
    }

    // utils.GetPathIndexString: "BalanceMap[*monetary]" is ("BalanceMap", "*monetary").
    private static (string Name, string? Index) Indexed(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        return open > 0 && segment[^1] == ']' ? (segment[..open], segment[(open + 1)..^1]) : (segment, null);
    }

    private static string Unsupported(string segment) => $"unsupported field prefix: <{segment}>";
}
