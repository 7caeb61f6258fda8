using NodaTime;
using Xunit;
using static Obol.Ips.Tests.Fixtures;

namespace Obol.Ips.Tests;

public class IpAllocationsJsonTests
{
    [Fact]
    public async Task ToJson_Allocations_CgratesShapeInKeyOrder()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "10.0.0.0/29")));
        await AllocateAsync(service, "zeta");
        await AllocateAsync(service, "alpha", Now + Duration.FromMilliseconds(1500));

        var (allocations, _) = await service.GetAllocationsAsync("cgrates.org", "IPS");

        Assert.Equal("""{"Tenant":"cgrates.org","ID":"IPS","Allocations":{"alpha":{"PoolID":"P1","Address":"10.0.0.2","Time":"2026-01-01T12:00:01.5Z"},"zeta":{"PoolID":"P1","Address":"10.0.0.1","Time":"2026-01-01T12:00:00Z"}},"TTLIndex":["zeta","alpha"]}""",
            allocations!.ToJson());
    }

    [Fact]
    public void ToJson_Fresh_NullTtlIndex()
    {
        Assert.Equal("""{"Tenant":"cgrates.org","ID":"IPS","Allocations":{},"TTLIndex":null}""", new IpAllocations("cgrates.org", "IPS").ToJson());
    }

    [Fact]
    public async Task TryFromJson_RoundTrip_SameJson()
    {
        var service = await ServiceAsync(profiles: Profile("IPS", Pool("P1", "2001:db8::/120")));
        await AllocateAsync(service, "b");
        await AllocateAsync(service, "a", Now + Duration.FromSeconds(1));
        var json = (await service.GetAllocationsAsync("cgrates.org", "IPS")).Allocations!.ToJson();

        Assert.True(IpAllocations.TryFromJson(json, out var read, out var error), error);
        Assert.Equal(json, read.ToJson());
    }

    [Theory]
    [InlineData("""{"Tenant":"t","ID":"i","Allocations":{"a":{"PoolID":"P","Address":"10.0.0.300","Time":"2026-01-01T12:00:00Z"}}}""", "Address <10.0.0.300>")]
    [InlineData("""{"Tenant":"t","ID":"i","Allocations":{"a":{"PoolID":"P","Address":"10.0.0.3","Time":"yesterday"}}}""", "Time <yesterday>")]
    [InlineData("""{"Tenant":"t",""", "")]
    public void TryFromJson_Broken_ErrorNamesIt(string json, string expected)
    {
        Assert.False(IpAllocations.TryFromJson(json, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
