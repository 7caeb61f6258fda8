using System.Text;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Logging;
using Obol.Rals;

namespace Obol.Benchmarks.Api;

/// <summary>
/// One JSON-RPC request through the dispatcher, bytes in to bytes out, as the TCP, HTTP and BiRPC servers run it:
/// argument decoding, the method and the Go-compatible reply. What the load generator's figures are made of, minus the
/// sockets.
/// </summary>
[MemoryDiagnoser]
public class RpcDispatchBenchmarks
{
    private static readonly byte[] s_ping = Encoding.UTF8.GetBytes("{\"method\":\"CoreSv1.Ping\",\"params\":[{}],\"id\":1}");
    private static readonly byte[] s_getCost = Encoding.UTF8.GetBytes(
        "{\"method\":\"APIerSv1.GetCost\",\"params\":[{\"Tenant\":\"cgrates.org\",\"Category\":\"call\",\"Subject\":\"1001\",\"Destination\":\"1002\"," +
        "\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"1m25s\"}],\"id\":1}");
    private static readonly byte[] s_getAccount = Encoding.UTF8.GetBytes(
        "{\"method\":\"APIerSv2.GetAccount\",\"params\":[{\"Tenant\":\"cgrates.org\",\"Account\":\"1001\"}],\"id\":1}");
    private JsonRpcDispatcher _dispatcher = null!;
    private RalsService _rals = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rals = new RalsService(new RalsOptions(), new InMemoryAccountStore(), new InProcessAccountLocks(), new InMemoryScheduleStore(),
            new LoggingActionEffects(new TextEngineLog(TextWriter.Null, SyslogSeverity.Error)));
        _rals.LoadTariffPlanAsync(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", "tutorial")).GetAwaiter().GetResult();
        _rals.Scheduler.WhenIdleAsync().GetAwaiter().GetResult();
        _dispatcher = new JsonRpcDispatcher();
        new CoreService("bench").Register(_dispatcher);
        new ApierService(_rals, DateTimeZone.Utc, SystemClock.Instance).Register(_dispatcher);
    }

    [GlobalCleanup]
    public void Cleanup() => _rals.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public int Ping() => _dispatcher.InvokeAsync(s_ping).AsTask().GetAwaiter().GetResult().Length;

    [Benchmark]
    public int GetCost() => _dispatcher.InvokeAsync(s_getCost).AsTask().GetAwaiter().GetResult().Length;

    [Benchmark]
    public int GetAccount() => _dispatcher.InvokeAsync(s_getAccount).AsTask().GetAwaiter().GetResult().Length;
}
