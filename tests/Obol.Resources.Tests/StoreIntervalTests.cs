using Obol.Primitives;
using Xunit;
using static Obol.Resources.Tests.Tutorial;

namespace Obol.Resources.Tests;

/// <summary>resources.store_interval: every change, a periodic backup of the changed ones, or never.</summary>
public class StoreIntervalTests
{
    [Fact]
    public async Task AllocateResourcesAsync_PositiveInterval_MarkedAndStoredOnceByTheBackup()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(store, new ResourceServiceOptions { StoreInterval = Usage.FromSeconds(1) });

        await service.AllocateResourcesAsync(Event("u1"), Now);
        await service.AllocateResourcesAsync(Event("u2"), Now);
        Assert.Empty(store.Calls);
        var stored = await service.StoreDirtyAsync();
        var again = await service.StoreDirtyAsync();

        Assert.Equal((1, 0), (stored, again));
        Assert.Contains("\"u2\"", store.Saved[("cgrates.org", "ResGroup1")], StringComparison.Ordinal);
        Assert.Equal(2m, (await service.GetResourceAsync("cgrates.org", "ResGroup1")).Resource!.TotalUsage);
    }

    [Fact]
    public async Task AllocateResourcesAsync_ZeroInterval_NeverStoredWhileRunning()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(store, new ResourceServiceOptions { StoreInterval = Usage.Zero });

        await service.AllocateResourcesAsync(Event("u1"), Now);

        Assert.Equal(0, await service.StoreDirtyAsync());
        Assert.Empty(store.Calls);
    }

    [Fact]
    public async Task ReleaseResourcesAsync_NegativeInterval_StoredWithEveryChange()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(store, new ResourceServiceOptions { StoreInterval = new Usage(-1) });

        await service.AllocateResourcesAsync(Event("u1"), Now);
        await service.ReleaseResourcesAsync(Event("u1"), Now);

        Assert.Equal(["save cgrates.org:ResGroup1", "save cgrates.org:ResGroup1"], store.Calls);
    }

    [Fact]
    public async Task TotalUsage_AllocationsReleasesAndRestore_KeptInStep()
    {
        var service = await ServiceAsync();
        await service.AllocateResourcesAsync(Event("a", units: 2), Now);
        await service.AllocateResourcesAsync(Event("b", units: 3), Now);
        await service.ReleaseResourcesAsync(Event("a"), Now);
        var (resource, _) = await service.GetResourceAsync("cgrates.org", "ResGroup1");

        Assert.True(Resource.TryFromJson(resource!.ToJson(), out var restored, out _));
        Assert.Equal((3m, 3m), (resource.TotalUsage, restored!.TotalUsage));
    }
}
