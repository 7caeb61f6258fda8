using System.Collections.Concurrent;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Xunit;

namespace Obol.Ips.Tests;

internal static class Fixtures
{
    public static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 12, 0);

    public static FilterService Filters() => new(FilterTable.FromTp([], DateTimeZone.Utc, Now));

    public static IpPoolDefinition Pool(string id, string range, string strategy = "*ascending", decimal weight = 0, bool blocker = false,
        params string[] filterIds) =>
        new() { Id = id, Type = "", Range = range, Strategy = strategy, Message = "msg-" + id, Weight = weight, Blocker = blocker, FilterIds = filterIds };

    public static IpProfile Profile(string id, params IpPoolDefinition[] pools) => Profile(id, [], 0, Usage.Zero, stored: false, pools);

    public static IpProfile Profile(string id, string[] filterIds, decimal weight, Usage ttl, bool stored, params IpPoolDefinition[] pools) =>
        IpProfileDefinition.Compile(new IpProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = id,
            FilterIds = filterIds,
            Weight = weight,
            Ttl = ttl,
            Stored = stored,
            Pools = pools,
        });

    public static async Task<IpService> ServiceAsync(IpServiceOptions? options = null, MemoryStore? store = null, params IpProfile[] profiles)
    {
        var service = new IpService(Filters(), options, store);
        Assert.Null(await service.LoadProfilesAsync(profiles));
        return service;
    }

    public static CgrEvent Event(string allocationId, string account = "1001") => new()
    {
        Tenant = "cgrates.org",
        Id = "ev-" + allocationId,
        Time = Now,
        Event = { ["Account"] = account },
        ApiOpts = { [IpOptions.AllocationId] = allocationId },
    };

    public static async Task<string> AllocateAsync(IpService service, string allocationId, Instant? at = null, string account = "1001")
    {
        var (ip, error) = await service.AllocateIpAsync(Event(allocationId, account), at ?? Now);
        Assert.Null(error);
        return ip!.Address.ToString();
    }
}

/// <summary>An IIpAllocationStore keeping the last JSON per profile and every call made.</summary>
internal sealed class MemoryStore : IIpAllocationStore
{
    public ConcurrentDictionary<(string, string), string> Saved { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public ValueTask SaveAsync(string tenant, string id, string json, CancellationToken cancellationToken)
    {
        Saved[(tenant, id)] = json;
        Calls.Enqueue($"save {tenant}:{id}");
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        Saved.TryRemove((tenant, id), out _);
        Calls.Enqueue($"remove {tenant}:{id}");
        return ValueTask.CompletedTask;
    }
}
