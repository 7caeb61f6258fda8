using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Accounting;
using Obol.Cdrs;
using Obol.Primitives;
using Obol.Storage.Sqlite;

namespace Obol.Benchmarks.Storage;

/// <summary>
/// The store's single writer as a prepaid call uses it, on a SQLite file in a temporary directory: an account change
/// saved with its session-journal document (one put, one delete), and a rated CDR, each alone (one commit each) and 32
/// at once (group committed). Each call returns once its commit is in the WAL.
/// </summary>
[MemoryDiagnoser]
public class StoreWriteBenchmarks
{
    private const int Concurrent = 32;
    private static readonly string s_journalJson = new('x', 400);
    private readonly Account[] _accounts = new Account[Concurrent];
    private readonly Task[] _saves = new Task[Concurrent];
    private string _dir = "";
    private SqliteStore _store = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "obol-bench-" + Guid.NewGuid().ToString("N"));
        _store = SqliteStore.OpenAsync(_dir).GetAwaiter().GetResult();
        for (var i = 0; i < Concurrent; i++)
        {
            var account = new Account("cgrates.org", "load" + i);
            var balance = new Balance { Uuid = "m" + i, ID = "test", Weight = 10 };
            balance.LoadValue(10);
            account.BalancesOf(BalanceTypes.Monetary).Add(balance);
            _accounts[i] = account;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public Task SaveAccountWithJournal_OneCommitEach() => Save(0);

    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task SaveAccountWithJournal_32GroupCommitted()
    {
        for (var i = 0; i < Concurrent; i++)
        {
            _saves[i] = Save(i);
        }
        return Task.WhenAll(_saves);
    }

    [Benchmark]
    public Task<CdrWriteResult> PutCdr() => PutNewCdr();

    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task PutCdr_32GroupCommitted()
    {
        for (var i = 0; i < Concurrent; i++)
        {
            _saves[i] = PutNewCdr();
        }
        return Task.WhenAll(_saves);
    }

    private Task<CdrWriteResult> PutNewCdr()
    {
        var n = Interlocked.Increment(ref _sequence);
        return _store.Cdrs.PutAsync(new Cdr
        {
            Cgrid = Cgrid.Compute("bench-" + n, "10.1.1.1"), RunId = "*default", OriginId = "bench-" + n, OriginHost = "10.1.1.1",
            Source = "*sessions", ToR = "*voice", RequestType = "*prepaid", Tenant = "cgrates.org", Category = "call", Account = "1001",
            Subject = "1001", Destination = "1002", SetupTime = Instant.FromUtc(2026, 1, 5, 10, 0), AnswerTime = Instant.FromUtc(2026, 1, 5, 10, 0, 5),
            Usage = Usage.FromSeconds(95), CostSource = "*sessions", Cost = 0.6585m, CostDetails = s_journalJson,
        }, allowUpdate: false).AsTask();
    }

    private Task Save(int i)
    {
        var n = Interlocked.Increment(ref _sequence);
        var account = _accounts[i].Clone();
        account.BalancesOf(BalanceTypes.Monetary)[0].AddValue(-0.01m, 5);
        _accounts[i] = account;
        JournalWrite[] journal = [new("session_debits", "k" + n, s_journalJson), new("session_debits", "k" + (n - 1), null)];
        return _store.Accounts.SaveAsync([account], journal).AsTask();
    }
}
