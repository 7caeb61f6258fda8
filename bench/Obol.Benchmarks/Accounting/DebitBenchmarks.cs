using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Accounting;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Benchmarks.Accounting;

/// <summary>
/// Debit and max usage of a 60 s tutorial call (1001 → 1002) on an account with 5 balances, through the account service
/// (lock, load a private copy, debit, save). Issue 3 targets: ≤ 3 µs each. The 3 h max usage is what every agent's
/// authorisation asks when the switch sends no usage (sessions' max_call_duration).
/// </summary>
[MemoryDiagnoser]
public class DebitBenchmarks
{
    private static readonly Instant s_answer = Instant.FromUtc(2014, 8, 4, 13, 0);
    private AccountService _service = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", "tutorial");
        var options = new TariffPlanReadOptions(DateTimeZone.Utc, s_answer);
        var data = RatingDataBuilder.Build(TariffPlanReader.ReadFolder(folder, options).Plan, options).Data;
        var store = new InMemoryAccountStore();
        _service = new AccountService(store, new InProcessAccountLocks(), new RatingEngine(data, new RatingOptions()),
            new AccountingOptions(), new NoTriggers(), new NoSharedGroups());
        var account = new Account("cgrates.org", "1001");
        account.BalancesOf(BalanceTypes.Monetary).Add(Balance("main", 1_000_000_000m, 10, ""));
        account.BalancesOf(BalanceTypes.Monetary).Add(Balance("bonus1003", 5m, 20, "DST_1003"));
        account.BalancesOf(BalanceTypes.Monetary).Add(Balance("small", 0.1m, 30, "*any", disabled: true));
        account.BalancesOf(BalanceTypes.Voice).Add(Balance("minutes1003", 600_000_000_000m, 10, "DST_1003"));
        account.BalancesOf(BalanceTypes.Voice).Add(Balance("expired", 600_000_000_000m, 20, "", expired: true));
        store.SaveAsync(account).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public decimal Debit_60s_FiveBalances() =>
        _service.DebitAsync(new DebitRequest(Call())).GetAwaiter().GetResult().Cost!.Cost;

    [Benchmark]
    public long MaxUsage_60s_FiveBalances() =>
        _service.GetMaxUsageAsync(new DebitRequest(Call())).GetAwaiter().GetResult().MaxUsage.Nanoseconds;

    [Benchmark]
    public long MaxUsage_3h_FiveBalances() =>
        _service.GetMaxUsageAsync(new DebitRequest(Call(Duration.FromHours(3)))).GetAwaiter().GetResult().MaxUsage.Nanoseconds;

    private static CallDescriptor Call(Duration? usage = null) => new()
    {
        Tenant = "cgrates.org",
        Category = "call",
        Subject = "1001",
        Account = "1001",
        Destination = "1002",
        TimeStart = s_answer,
        TimeEnd = s_answer + (usage ?? Duration.FromSeconds(60)),
    };

    private static Balance Balance(string id, decimal value, decimal weight, string destinations, bool disabled = false, bool expired = false)
    {
        var b = new Balance
        {
            Uuid = id,
            ID = id,
            Weight = weight,
            DestinationIDs = StringMap.Parse(destinations),
            Disabled = disabled,
            ExpirationDate = expired ? s_answer - Duration.FromDays(1) : null,
        };
        b.LoadValue(value);
        return b;
    }

    private sealed class NoTriggers : IAccountTriggers
    {
        public void CountUnits(Account account, decimal amount, string kind, CounterContext call, Balance? balance)
        {
        }

        public void ExecuteTriggers(Account account, AccountAction? filter)
        {
        }
    }

    private sealed class NoSharedGroups : ISharedGroupSource
    {
        public SharedGroup? GetSharedGroup(string id) => null;
    }
}
