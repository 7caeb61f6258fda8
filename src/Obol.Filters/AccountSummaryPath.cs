namespace Obol.Filters;

/// <summary>
/// <c>~*asm.…</c>: CGRateS reads the event (<c>*req</c>) as an engine.AccountSummary, the shape of the AccountUpdate
/// events AccountS publishes, and walks it with AccountSummary.FieldAsInterface: <c>BalanceSummaries.&lt;ID&gt;.Value</c>
/// finds a balance by its ID, <c>BalanceSummaries[0].Value</c> by its place.
/// </summary>
internal static class AccountSummaryPath
{
    public const string Provider = "*asm";
    private const string Balances = "BalanceSummaries";

    /// <summary><paramref name="path"/> without the <c>*asm</c> segment. Throws for a field an AccountSummary has not,
    /// as CGRateS answers "unsupported field prefix".</summary>
    public static bool TryGet(IDataProvider data, ReadOnlySpan<string> path, out object? value)
    {
        value = null;
        if (path.Length == 0 || !data.TryGetField([FilterEvent.Req], out var summary))
        {
            return false;
        }
        switch (path[0])
        {
            case "Tenant" or "AccountID" or "AllowNegative" or "Disabled":
                return path.Length == 1 && FieldPath.TryWalk(summary, path, out value);
            case Balances:
                if (!FieldPath.TryWalk(summary, path[..1], out var balances))
                {
                    return false;
                }
                if (path.Length == 1)
                {
                    value = balances;
                    return true;
                }
                return balances is IEnumerable<object?> list && TryBalanceById(list, path[1], path[2..], out value);
            default:
                if (!path[0].StartsWith(Balances + "[", StringComparison.Ordinal))
                {
                    throw new FilterEvaluationException($"unsupported field prefix: <{path[0]}>");
                }
                if (!FieldPath.TryWalk(summary, path[..1], out var balance))
                {
                    return false;
                }
                if (path.Length == 1)
                {
                    value = balance;
                    return true;
                }
                return TryBalanceField(balance, path[1..], out value);
        }
    }

    private static bool TryBalanceById(IEnumerable<object?> balances, string id, ReadOnlySpan<string> rest, out object? value)
    {
        foreach (var balance in balances)
        {
            if (FieldPath.TryWalk(balance, ["ID"], out var balanceId) && balanceId as string == id)
            {
                if (rest.Length == 0)
                {
                    value = balance;
                    return true;
                }
                return TryBalanceField(balance, rest, out value);
            }
        }
        value = null;
        return false;
    }

    // BalanceSummary.FieldAsInterface: a field left out of the JSON (Weight 0, no Factors) still reads as Go's zero.
    private static bool TryBalanceField(object? balance, ReadOnlySpan<string> path, out object? value)
    {
        switch (path[0])
        {
            case "UUID" or "ID" or "Type" or "Value" or "Initial" or "Disabled":
                return FieldPath.TryWalk(balance, path[..1], out value);
            case "Weight":
                if (!FieldPath.TryWalk(balance, path[..1], out value))
                {
                    value = 0m;
                }
                return true;
            case "Factors":
                return FieldPath.TryWalk(balance, path, out value);
            default:
                throw new FilterEvaluationException($"unsupported field prefix: <{path[0]}>");
        }
    }
}
