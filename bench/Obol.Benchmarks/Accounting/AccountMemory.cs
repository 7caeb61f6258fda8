using Obol.Accounting;

namespace Obol.Benchmarks.Accounting;

/// <summary>
/// Bytes per account with 1,000,000 tutorial-shaped accounts (one *monetary balance, the two STANDARD_TRIGGERS) held by
/// the in-memory store: <c>dotnet run -c Release --project bench/Obol.Benchmarks -- accounts-memory</c>.
/// </summary>
internal static class AccountMemory
{
    public static void Run(int count)
    {
        var store = new InMemoryAccountStore();
        var before = Measure();
        for (var i = 0; i < count; i++)
        {
            var account = new Account("cgrates.org", (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var balance = new Balance { Uuid = Guid.NewGuid().ToString(), ID = "test", Weight = 10, DestinationIDs = StringMap.Parse("*any") };
            balance.LoadValue(10);
            account.BalancesOf(BalanceTypes.Monetary).Add(balance);
            account.ActionTriggers.Add(new ActionTrigger { ID = "STANDARD_TRIGGERS", UniqueID = Guid.NewGuid().ToString(), ThresholdType = "*max_balance", ThresholdValue = 20, ActionsId = "ACT_LOG_WARNING", Weight = 10, Balance = new BalanceFilter { Type = BalanceTypes.Monetary } });
            account.ActionTriggers.Add(new ActionTrigger { ID = "STANDARD_TRIGGERS", UniqueID = Guid.NewGuid().ToString(), ThresholdType = "*max_balance", ThresholdValue = 100, ActionsId = "DISABLE_AND_LOG", Weight = 10, Balance = new BalanceFilter { Type = BalanceTypes.Monetary } });
            store.SaveAsync(account).AsTask().GetAwaiter().GetResult();
        }
        var after = Measure();
        Console.WriteLine($"{count:N0} accounts: {(after - before) / (double)count:F0} bytes per account ({(after - before) / 1048576.0:F0} MiB)");
        GC.KeepAlive(store);
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
