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
        : this(tenant, id, tenant + ":" + id)
    {
    }

    private Account(string tenant, string accountId, string id)
    {
        Tenant = tenant;
        AccountId = accountId;
        Id = id;
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
        var copy = new Account(Tenant, AccountId, Id)
        {
            AllowNegative = AllowNegative,
            Disabled = Disabled,
            BalanceMap = new Dictionary<string, List<Balance>>(BalanceMap.Count, StringComparer.Ordinal),
            UnitCounters = new Dictionary<string, List<UnitCounter>>(UnitCounters.Count, StringComparer.Ordinal),
            ActionTriggers = new List<ActionTrigger>(ActionTriggers.Count),
        };
        foreach (var (type, list) in BalanceMap)
        {
            var balances = new List<Balance>(list.Count);
            foreach (var b in list)
            {
                var c = b.Clone();
                c.Owner = copy;
                balances.Add(c);
            }
            copy.BalanceMap[type] = balances;
        }
        foreach (var (type, counters) in UnitCounters)
        {
            copy.UnitCounters[type] = counters.ConvertAll(c => c.Clone());
        }
        foreach (var trigger in ActionTriggers)
        {
            copy.ActionTriggers.Add(trigger.Clone());
        }
        return copy;
    }
}
