using NodaTime;
using Obol.Primitives;
using Xunit;
using static Obol.Ips.Tests.Fixtures;

namespace Obol.Ips.Tests;

public class IpServiceTests
{
    [Fact]
    public async Task AllocateIpAsync_AscendingPrefix_LowestFreeAddressesThenPoolFull()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29")));

        var addresses = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            addresses.Add(await AllocateAsync(service, $"call{i}"));
        }
        var (ip, error) = await service.AllocateIpAsync(Event("call6"), Now);

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"], addresses);
        Assert.Null(ip);
        Assert.Equal("allocation failed for pool \"P1\", range \"10.0.0.0/29\": IP_ALREADY_ALLOCATED (all 6 addresses allocated)", error);
    }

    [Fact]
    public async Task AllocateIpAsync_SingleAddressTaken_CgratesErrorText()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "192.168.122.1/32")));
        await AllocateAsync(service, "first");

        var (_, error) = await service.AllocateIpAsync(Event("second"), Now);

        Assert.Equal("allocation failed for pool \"P1\", IP \"192.168.122.1\": IP_ALREADY_ALLOCATED (allocated to \"first\")", error);
    }

    [Fact]
    public async Task AllocateIpAsync_SameAllocationId_KeepsItsAddressAndRenews()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", [], 0, Usage.FromSeconds(60), false, Pool("P1", "10.0.0.0/29")));
        var first = await AllocateAsync(service, "call");
        await AllocateAsync(service, "other");

        var again = await AllocateAsync(service, "call", Now + Duration.FromSeconds(50));
        var afterFirstTtl = await AllocateAsync(service, "late", Now + Duration.FromSeconds(100));

        Assert.Equal(first, again);
        // "other" expired 60 s after Now; "call" was renewed at +50 s and still holds its address.
        Assert.Equal("10.0.0.2", afterFirstTtl);
        var (allocations, _) = await service.GetAllocationsAsync("cgrates.org", "IPS");
        Assert.Equal(["call", "late"], allocations!.TtlIndex);
    }

    [Fact]
    public async Task ReleaseIpAsync_Released_LowestAddressReused()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29")));
        await AllocateAsync(service, "a");
        await AllocateAsync(service, "b");
        await AllocateAsync(service, "c");

        var (reply, error) = await service.ReleaseIpAsync(Event("a"), Now);
        var next = await AllocateAsync(service, "d");

        Assert.Equal(("OK", (string?)null), (reply, error));
        Assert.Equal("10.0.0.1", next);
    }

    [Fact]
    public async Task ReleaseIpAsync_UnknownAllocation_OkWithWarning()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29")));
        var warnings = new List<string>();
        service.Warning += warnings.Add;

        var (reply, _) = await service.ReleaseIpAsync(Event("never"), Now);

        Assert.Equal("OK", reply);
        Assert.Contains("cannot find allocation record with id: never", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeIpAsync_FreeAddress_AnsweredButNotAllocated()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.7/32")));

        var (authorized, _) = await service.AuthorizeIpAsync(Event("x"), Now);
        var allocated = await AllocateAsync(service, "y");
        var (_, error) = await service.AuthorizeIpAsync(Event("z"), Now);
        var (mine, _) = await service.AuthorizeIpAsync(Event("y"), Now);

        Assert.Equal(("IPS", "P1", "msg-P1", "10.0.0.7"), (authorized!.ProfileId, authorized.PoolId, authorized.Message, authorized.Address.ToString()));
        Assert.Equal("10.0.0.7", allocated);
        Assert.Equal(IpErrors.Unauthorized, error);
        Assert.Equal("10.0.0.7", mine!.Address.ToString());
    }

    [Fact]
    public async Task AllocateIpAsync_HeavierPoolFull_NextPoolByWeight()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("LIGHT", "10.0.1.1/32", weight: 10), Pool("HEAVY", "10.0.0.1/32", weight: 20)));

        var (first, _) = await service.AllocateIpAsync(Event("a"), Now);
        var (second, _) = await service.AllocateIpAsync(Event("b"), Now);
        var (_, third) = await service.AllocateIpAsync(Event("c"), Now);

        Assert.Equal(("HEAVY", "LIGHT"), (first!.PoolId, second!.PoolId));
        Assert.StartsWith("allocation failed for pool \"LIGHT\"", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocateIpAsync_BlockerPoolFull_LighterPoolsNotTried()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("LIGHT", "10.0.1.1/32", weight: 10),
            Pool("HEAVY", "10.0.0.1/32", weight: 20, blocker: true)));
        await AllocateAsync(service, "a");

        var (_, error) = await service.AllocateIpAsync(Event("b"), Now);

        Assert.StartsWith("allocation failed for pool \"HEAVY\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocateIpAsync_PoolFilters_OnlyPassingPools()
    {
        var service = await ServiceAsync(profiles: Profile("IPS",
            Pool("GOLD", "10.9.0.1/32", weight: 20, filterIds: "*string:~*req.Account:1002"), Pool("STD", "10.0.0.0/30")));

        var (gold, _) = await service.AllocateIpAsync(Event("a", account: "1002"), Now);
        var (standard, _) = await service.AllocateIpAsync(Event("b", account: "1001"), Now);

        Assert.Equal(("GOLD", "STD"), (gold!.PoolId, standard!.PoolId));
    }

    [Fact]
    public async Task AllocateIpAsync_Descending_HighestFirst()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29", "*descending")));

        Assert.Equal("10.0.0.6", await AllocateAsync(service, "a"));
        Assert.Equal("10.0.0.5", await AllocateAsync(service, "b"));
        await service.ReleaseIpAsync(Event("a"), Now);
        Assert.Equal("10.0.0.6", await AllocateAsync(service, "c"));
    }

    [Fact]
    public async Task AllocateIpAsync_Random_EveryAddressOnceThenFull()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/28", "*random")));

        var addresses = new HashSet<string>();
        for (var i = 0; i < 14; i++)
        {
            addresses.Add(await AllocateAsync(service, $"c{i}"));
        }
        var (_, error) = await service.AllocateIpAsync(Event("c14"), Now);

        Assert.Equal(14, addresses.Count);
        Assert.DoesNotContain("10.0.0.0", addresses);
        Assert.DoesNotContain("10.0.0.15", addresses);
        Assert.Contains(IpErrors.AlreadyAllocated, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllocateIpAsync_OverlappingPools_AddressNeverGivenTwice()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("ONE", "10.0.0.1/32", weight: 20), Pool("NET", "10.0.0.0/30", weight: 10)));

        var first = await AllocateAsync(service, "a");
        var second = await AllocateAsync(service, "b");

        Assert.Equal(("10.0.0.1", "10.0.0.2"), (first, second));
    }

    [Fact]
    public async Task AllocateIpAsync_HeaviestMatchingProfile_Wins()
    {
        var service = await ServiceAsync(profiles:
        [
            Profile("LOW", ["*string:~*req.Account:1001"], 10, Usage.Zero, false, Pool("P", "10.1.0.1/32")),
            Profile("HIGH", ["*string:~*req.Account:1001"], 20, Usage.Zero, false, Pool("P", "10.2.0.1/32")),
            Profile("OTHER", ["*string:~*req.Account:1002"], 30, Usage.Zero, false, Pool("P", "10.3.0.1/32")),
        ]);

        var (ip, _) = await service.AllocateIpAsync(Event("a"), Now);
        var (_, none) = await service.AllocateIpAsync(Event("b", account: "1009"), Now);

        Assert.Equal(("HIGH", "10.2.0.1"), (ip!.ProfileId, ip.Address.ToString()));
        Assert.Equal(ErrorCodes.NotFound, none);
    }

    [Fact]
    public async Task AllocateIpAsync_MissingIds_MandatoryErrors()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29")));
        var noAllocation = Event("x");
        noAllocation.ApiOpts.Clear();
        var noId = Event("y");
        noId.Id = "";

        Assert.Equal("MANDATORY_IE_MISSING: [AllocationID]", (await service.AllocateIpAsync(noAllocation, Now)).Error);
        Assert.Equal("MANDATORY_IE_MISSING: [ID]", (await service.AllocateIpAsync(noId, Now)).Error);
    }

    [Fact]
    public async Task AllocateIpAsync_DefaultAllocationIdOption_UsedWhenEventHasNone()
    {
        var service = await ServiceAsync(new IpServiceOptions { AllocationId = "fixed" }, null, Profile("IPS", Pool("P1", "10.0.0.0/29")));
        var ev = Event("x");
        ev.ApiOpts.Clear();

        await service.AllocateIpAsync(ev, Now);

        var (allocations, _) = await service.GetAllocationsAsync("cgrates.org", "IPS");
        Assert.Equal(["fixed"], allocations!.Allocations.Keys);
    }

    [Fact]
    public async Task ClearAllocationsAsync_UnknownId_NothingCleared()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29")));
        await AllocateAsync(service, "a");
        await AllocateAsync(service, "b");

        var error = await service.ClearAllocationsAsync("cgrates.org", "IPS", ["a", "x", "y"]);
        var (kept, _) = await service.GetAllocationsAsync("cgrates.org", "IPS");
        var cleared = await service.ClearAllocationsAsync("cgrates.org", "IPS", ["a"]);
        var (after, _) = await service.GetAllocationsAsync("cgrates.org", "IPS");

        Assert.Equal("cannot find allocation records with ids: [x y]", error);
        Assert.Equal(2, kept!.Allocations.Count);
        Assert.Null(cleared);
        Assert.Equal(["b"], after!.Allocations.Keys);
    }

    [Fact]
    public async Task TryRestore_StoredAllocations_AddressesKeptAcrossRestart()
    {
        var store = new MemoryStore();
        var profile = Profile("IPS", [], 0, Usage.Zero, stored: true, Pool("P1", "10.0.0.0/29"));
        var before = await ServiceAsync(null, store, profile);
        await AllocateAsync(before, "a");
        await AllocateAsync(before, "b");

        var after = await ServiceAsync(null, store, profile);
        Assert.True(after.TryRestore(store.Saved[("cgrates.org", "IPS")], out var error), error);
        var next = await AllocateAsync(after, "c");
        var renewed = await AllocateAsync(after, "a");

        Assert.Equal(("10.0.0.3", "10.0.0.1"), (next, renewed));
    }

    [Fact]
    public async Task LoadProfilesAsync_TtlChanged_AllocationsStartOver()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(null, store, Profile("IPS", [], 0, Usage.Zero, stored: true, Pool("P1", "10.0.0.0/29")));
        await AllocateAsync(service, "a");

        Assert.Null(await service.LoadProfilesAsync([Profile("IPS", [], 0, Usage.FromSeconds(5), stored: true, Pool("P1", "10.0.0.0/29"))]));

        var (allocations, _) = await service.GetAllocationsAsync("cgrates.org", "IPS");
        Assert.Empty(allocations!.Allocations);
        Assert.Equal(["save cgrates.org:IPS", "remove cgrates.org:IPS"], store.Calls);
    }

    [Fact]
    public async Task StoreDirtyAsync_PositiveInterval_StoredByTheBackupOnly()
    {
        var store = new MemoryStore();
        var service = await ServiceAsync(new IpServiceOptions { StoreInterval = Usage.FromSeconds(1) }, store,
            Profile("IPS", [], 0, Usage.Zero, stored: true, Pool("P1", "10.0.0.0/29")));
        await AllocateAsync(service, "a");

        Assert.Empty(store.Calls);
        Assert.Equal(1, await service.StoreDirtyAsync());
        Assert.Contains("\"a\"", store.Saved[("cgrates.org", "IPS")], StringComparison.Ordinal);
    }
}
