using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>
/// A prepaid or postpaid account (CGRateS Account): balances by type, unit counters and action triggers.
/// <see cref="Id"/> is <c>tenant:account</c>. An account is only ever changed under its lock (see
/// <see cref="IAccountStore"/>); none of its members are thread-safe.
/// </summary>
public sealed class Account
{
    public Account(string tenant, string id)
    {
        Tenant = tenant;
        AccountId = id;
        Id = tenant + ":" + id;
    }

    /// <summary><c>tenant:account</c>.</summary>
    public string Id { get; }

    public string Tenant { get; }

    /// <summary>The account name inside its tenant.</summary>
    public string AccountId { get; }

    public Dictionary<string, List<Balance>> BalanceMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Balance type → counters.</summary>
    public Dictionary<string, List<UnitCounter>> UnitCounters { get; set; } = new(StringComparer.Ordinal);

    public List<ActionTrigger> ActionTriggers { get; set; } = [];

    public bool AllowNegative { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Guards trigger evaluation against re-entry from the actions it runs.</summary>
    internal bool ExecutingTriggers { get; set; }

    public List<Balance> BalancesOf(string type)
    {
        if (!BalanceMap.TryGetValue(type, out var list))
        {
            BalanceMap[type] = list = [];
        }
        return list;
    }

    /// <summary>The <c>*default</c> monetary balance, created with value 0 when missing (CGRateS parity:
    /// GetDefaultMoneyBalance).</summary>
    public Balance DefaultMoneyBalance(Func<string> newUuid)
    {
        var monetary = BalancesOf(BalanceTypes.Monetary);
        foreach (var b in monetary)
        {
            if (b.IsDefault)
            {
                return b;
            }
        }
        var created = new Balance { Uuid = newUuid(), ID = Meta.Default, Owner = this };
        monetary.Add(created);
        return created;
    }

    public Balance? FindBalance(string type, string uuid) =>
        BalanceMap.TryGetValue(type, out var list) ? list.Find(b => b.Uuid == uuid) : null;

    public Balance? FindBalanceById(string type, string id) =>
        BalanceMap.TryGetValue(type, out var list) ? list.Find(b => b.ID == id) : null;

    /// <summary>Clears the dirty marks after an operation has been evaluated and saved.</summary>
    public void ClearDirty()
    {
        foreach (var list in BalanceMap.Values)
        {
            foreach (var b in list)
            {
                b.Dirty = false;
            }
        }
    }

    public Account Clone()
    {
        var copy = new Account(Tenant, AccountId) { AllowNegative = AllowNegative, Disabled = Disabled };
        foreach (var (type, list) in BalanceMap)
        {
            copy.BalanceMap[type] = list.ConvertAll(b =>
            {
                var c = b.Clone();
                c.Owner = copy;
                return c;
            });
        }
        foreach (var (type, counters) in UnitCounters)
        {
            copy.UnitCounters[type] = counters.ConvertAll(c => c.Clone());
        }
        copy.ActionTriggers = ActionTriggers.ConvertAll(t => t.Clone());
        return copy;
    }
}
