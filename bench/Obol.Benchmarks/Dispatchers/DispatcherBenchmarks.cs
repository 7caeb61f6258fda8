using System.Text;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Dispatchers;
using Obol.Filters;

namespace Obol.Benchmarks.Dispatchers;

/// <summary>
/// What DispatcherS adds to a request: matching the profiles of the request's subsystem among 200 (one per account plus
/// catch-alls) and ordering the chosen profile's hosts, and the interception that hands a request to the engine's own
/// method when the host is <c>*internal</c> (a second envelope and the reply read back).
/// </summary>
[MemoryDiagnoser]
public class DispatcherBenchmarks
{
    private static readonly byte[] s_ping = Encoding.UTF8.GetBytes("{\"method\":\"CoreSv1.Ping\",\"params\":[{}],\"id\":1}");
    private static readonly string[] s_hostIds = ["A", "B", "C"];
    private static readonly DispatchReply s_ok = DispatchReply.Ok("\"OK\""u8.ToArray());
    private DispatcherService _service = null!;
    private DispatchRequest _request = null!;
    private DispatchRequest _routedRequest = null!;
    private JsonRpcDispatcher _direct = null!;
    private JsonRpcDispatcher _intercepted = null!;

    [GlobalSetup]
    public void Setup()
    {
        var filters = new FilterService(new FilterTable([]));
        var profiles = Enumerable.Range(1000, 198).Select(n => new DispatcherProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = $"DSP_{n}",
            Subsystems = ["*sessions"],
            FilterIds = [$"*string:~*req.Account:{n}"],
            Strategy = "*round_robin",
            Weight = 20,
            Hosts = [new() { Id = "A", Weight = 20 }, new() { Id = "B", Weight = 10 }, new() { Id = "C", Weight = 10 }],
        }).Append(new DispatcherProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = "DSP_ANY",
            Subsystems = ["*any"],
            Strategy = "*weight",
            Hosts = [new() { Id = "A", Weight = 20 }],
        }).Append(new DispatcherProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = "DSP_STATS",
            Subsystems = ["*stats"],
            Strategy = "*weight",
            Hosts = [new() { Id = "B", Weight = 20 }],
        });
        var hosts = s_hostIds.Select(id => DispatcherHost.Compile(new DispatcherHostDefinition { Tenant = "cgrates.org", Id = id, Address = "*internal" }));
        _service = new DispatcherService(DispatcherTable.Create(profiles.Select(DispatcherProfile.Compile), hosts, filters), SystemClock.Instance);
        var data = new FilterEvent(new Dictionary<string, object?> { ["Account"] = "1100", ["Destination"] = "1002", ["Usage"] = "60s" },
            new Dictionary<string, object?>(), new Dictionary<string, object?> { ["*subsys"] = "*sessions", ["*reqMethod"] = "SessionSv1.AuthorizeEvent" });
        _request = new DispatchRequest("cgrates.org", "*sessions", "SessionSv1.AuthorizeEvent", data);
        _routedRequest = _request with { RouteId = "call-1" };
        _direct = new JsonRpcDispatcher();
        new CoreService("bench").Register(_direct);
        _intercepted = new JsonRpcDispatcher();
        new CoreService("bench").Register(_intercepted);
        _intercepted.Intercept(new HashSet<string> { "CoreSv1" }, async (call, ct) => await call.InvokeOriginalAsync(call.Argument, ct));
    }

    [Benchmark]
    public int Dispatch() => _service.DispatchAsync(_request, static (_, _) => ValueTask.FromResult(s_ok), CancellationToken.None)
        .AsTask().GetAwaiter().GetResult().Result.Length;

    [Benchmark]
    public int DispatchRouted() => _service.DispatchAsync(_routedRequest, static (_, _) => ValueTask.FromResult(s_ok), CancellationToken.None)
        .AsTask().GetAwaiter().GetResult().Result.Length;

    [Benchmark(Baseline = true)]
    public int PingDirect() => _direct.InvokeAsync(s_ping).AsTask().GetAwaiter().GetResult().Length;

    [Benchmark]
    public int PingThroughInterception() => _intercepted.InvokeAsync(s_ping).AsTask().GetAwaiter().GetResult().Length;
}
