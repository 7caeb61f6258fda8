using NodaTime;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Accounting.Tests.Debit;

/// <summary>An account service over a reference plan, with in-memory storage and counters that only record.</summary>
internal sealed class DebitFixture
{
    private static readonly Dictionary<string, RatingDataSet> s_plans = [];

    public DebitFixture(string plan, int roundingDecimals, IEnumerable<SharedGroup>? groups = null)
    {
        var rating = new RatingEngine(Load(plan), new RatingOptions { RoundingDecimals = roundingDecimals });
        Options = new AccountingOptions { RoundingDecimals = roundingDecimals };
        SharedGroups = new SharedGroupTable(groups ?? []);
        Service = new AccountService(Store, new InProcessAccountLocks(), rating, Options, Counted, SharedGroups, () => "uuid-" + ++_uuids);
    }

    private int _uuids;

    public InMemoryAccountStore Store { get; } = new();

    public RecordingTriggers Counted { get; } = new();

    public SharedGroupTable SharedGroups { get; }

    public AccountingOptions Options { get; }

    public AccountService Service { get; }

    public async Task<Account> SaveAsync(Account account)
    {
        await Store.SaveAsync(account);
        return account;
    }

    public async Task<Account> GetAsync(string id) => (await Store.GetAsync(id))!;

    public static Balance Money(string uuid, decimal value, decimal weight = 10, string destinations = "", string sharedGroups = "")
    {
        var b = new Balance { Uuid = uuid, ID = uuid, Weight = weight, DestinationIDs = StringMap.Parse(destinations), SharedGroups = StringMap.Parse(sharedGroups) };
        b.LoadValue(value);
        return b;
    }

    public static Balance Units(string uuid, decimal value, decimal weight = 10, string destinations = "", string ratingSubject = "")
    {
        var b = new Balance { Uuid = uuid, ID = uuid, Weight = weight, DestinationIDs = StringMap.Parse(destinations), RatingSubject = ratingSubject };
        b.LoadValue(value);
        return b;
    }

    public static Account Account(string tenant, string id, params (string Type, Balance Balance)[] balances)
    {
        var account = new Account(tenant, id);
        foreach (var (type, balance) in balances)
        {
            account.BalancesOf(type).Add(balance);
        }
        return account;
    }

    public static CallDescriptor Call(string tenant, string category, string subject, string account, string destination, Instant start, Instant end) => new()
    {
        Tenant = tenant,
        Category = category,
        Subject = subject,
        Account = account,
        Destination = destination,
        TimeStart = start,
        TimeEnd = end,
    };

    private static RatingDataSet Load(string plan)
    {
        lock (s_plans)
        {
            if (s_plans.TryGetValue(plan, out var cached))
            {
                return cached;
            }
            var folder = Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", plan);
            var options = new TariffPlanReadOptions(DateTimeZone.Utc, Instant.FromUtc(2026, 1, 1, 0, 0));
            var read = TariffPlanReader.ReadFolder(folder, options);
            var data = RatingDataBuilder.Build(read.Plan, options).Data;
            s_plans[plan] = data;
            return data;
        }
    }
}

/// <summary>Counts what the debit reports, without evaluating triggers.</summary>
internal sealed class RecordingTriggers : IAccountTriggers
{
    public List<(string Account, decimal Amount, string Kind)> Counts { get; } = [];

    public void CountUnits(Account account, decimal amount, string kind, CounterContext call, Balance? balance)
    {
        lock (Counts)
        {
            Counts.Add((account.Id, amount, kind));
        }
    }

    public void ExecuteTriggers(Account account, AccountAction? filter)
    {
    }
}

internal sealed class SharedGroupTable(IEnumerable<SharedGroup> groups) : ISharedGroupSource
{
    private readonly Dictionary<string, SharedGroup> _groups = groups.ToDictionary(g => g.Id);

    public SharedGroup? GetSharedGroup(string id) => _groups.GetValueOrDefault(id);
}
