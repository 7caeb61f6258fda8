using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Ips;
using Obol.Primitives;

namespace Obol.Benchmarks.Ips;

/// <summary>
/// IPsV1.AllocateIP and ReleaseIP in-process, on a /16 pool (65,534 addresses) with 30,000 already held, the profile one
/// of 1,000 indexed on <c>*req.Account</c>: a new call's address allocated and given back. Ascending allocation reuses
/// the address just released; random allocation lands anywhere in the range.
/// </summary>
[MemoryDiagnoser]
public class IpAllocationBenchmarks
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 1, 1, 12, 0);
    private IpService _ascending = null!;
    private IpService _random = null!;
    private CgrEvent _call = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ascending = Build("*ascending");
        _random = Build("*random");
        _call = Event("bench-call");
    }

    private static IpService Build(string strategy)
    {
        var filters = new FilterService(new FilterTable([]));
        var service = new IpService(filters);
        var profiles = Enumerable.Range(0, 1000).Select(i => IpProfileDefinition.Compile(new IpProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = $"IPS_{i}",
            FilterIds = [$"*string:~*req.Account:{1000 + i}"],
            Ttl = Usage.Zero,
            Pools = [new IpPoolDefinition { Id = "POOL", Range = $"10.{i % 256}.0.0/16", Strategy = strategy }],
        }));
        if (service.LoadProfilesAsync(profiles).AsTask().GetAwaiter().GetResult() is { } error)
        {
            throw new InvalidOperationException(error);
        }
        for (var i = 0; i < 30_000; i++)
        {
            if (service.AllocateIpAsync(Event($"held-{i}"), s_now).AsTask().GetAwaiter().GetResult().Error is { } failed)
            {
                throw new InvalidOperationException(failed);
            }
        }
        return service;
    }

    private static CgrEvent Event(string allocationId) => new()
    {
        Tenant = "cgrates.org",
        Id = allocationId,
        Time = s_now,
        Event = { ["Account"] = "1001", ["Destination"] = "1002" },
        ApiOpts = { [IpOptions.AllocationId] = allocationId },
    };

    [Benchmark]
    public async ValueTask<string?> AllocateAndReleaseAscending() => await CycleAsync(_ascending);

    [Benchmark]
    public async ValueTask<string?> AllocateAndReleaseRandom() => await CycleAsync(_random);

    [Benchmark]
    public async ValueTask<AllocatedIp?> Authorize() => (await _ascending.AuthorizeIpAsync(_call, s_now)).Ip;

    private async ValueTask<string?> CycleAsync(IpService service)
    {
        var (ip, error) = await service.AllocateIpAsync(_call, s_now);
        await service.ReleaseIpAsync(_call, s_now);
        return ip?.Address.ToString() ?? error;
    }
}
