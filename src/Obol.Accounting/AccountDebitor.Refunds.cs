using Obol.Rating;

namespace Obol.Accounting;

internal sealed partial class AccountDebitor
{
    /// <summary>
    /// Gives back what <paramref name="increments"/> took: usage × factor to their unit balances, cost to their money
    /// balances, and counts the refund negatively (CGRateS parity: CallDescriptor.refundIncrements). Accounts come
    /// from <paramref name="accounts"/> (loaded and locked by the caller); unknown ones are reported, not fatal.
    /// </summary>
    public List<string> RefundIncrements(IEnumerable<Increment> increments, string tor, CounterContext call,
        IReadOnlyDictionary<string, Account> accounts)
    {
        var warnings = new List<string>();
        foreach (var compressed in increments)
        {
            if (compressed.BalanceInfo is not { } info)
            {
                continue;
            }
            if (!accounts.TryGetValue(info.AccountId, out var account))
            {
                warnings.Add($"Could not get the account to be refunded: {info.AccountId}");
                continue;
            }
            for (var k = 0; k < Math.Max(1, compressed.CompressFactor); k++)
            {
                if (info.Unit is { Uuid.Length: > 0 } unit)
                {
                    if (account.FindBalance(tor, unit.Uuid) is not { } balance)
                    {
                        warnings.Add($"Could not get the balance: <{unit.Uuid}> to be refunded for account: <{info.AccountId}>");
                        continue;
                    }
                    var amount = compressed.Duration.Nanoseconds * unit.Factor;
                    balance.AddValue(amount, _options.RoundingDecimals);
                    _triggers.CountUnits(account, -amount, tor, call, balance);
                }
                if (info.Monetary is { Uuid.Length: > 0 } monetary)
                {
                    if (account.FindBalance(BalanceTypes.Monetary, monetary.Uuid) is not { } balance)
                    {
                        warnings.Add($"Could not get the balance: <{monetary.Uuid}> to be refunded for account: <{info.AccountId}>");
                        continue;
                    }
                    balance.AddValue(compressed.Cost, _options.RoundingDecimals);
                    _triggers.CountUnits(account, -compressed.Cost, BalanceTypes.Monetary, call, balance);
                }
            }
        }
        return warnings;
    }

    /// <summary>Charges each span's rounding correction to the balance that paid its first increment; a negative
    /// correction refunds (CGRateS parity: CallDescriptor.refundRounding).</summary>
    private void RefundRounding(CallCost cc, Account account, IReadOnlyDictionary<string, Account> members)
    {
        foreach (var ts in cc.Timespans)
        {
            if (ts.RoundIncrement is not { Cost: not 0 } round || round.BalanceInfo is not { } info)
            {
                continue;
            }
            var owner = info.AccountId == account.Id ? account : members.GetValueOrDefault(info.AccountId);
            if (owner is null || info.Monetary is null || owner.FindBalance(BalanceTypes.Monetary, info.Monetary.Uuid) is not { } balance)
            {
                continue;
            }
            balance.SubtractValue(round.Cost, _options.RoundingDecimals);
            _triggers.CountUnits(owner, round.Cost, BalanceTypes.Monetary, new CounterContext(cc.Category, cc.Destination), balance);
        }
    }
}
