using Obol.Primitives;
using Xunit;
using static Obol.Ips.Tests.Fixtures;

namespace Obol.Ips.Tests;

public class IpProfileDefinitionTests
{
    [Theory]
    [InlineData("*ipv6", "10.0.0.0/24", "*ascending", "Type <*ipv6> does not match Range <10.0.0.0/24> (*ipv4)")]
    [InlineData("", "10.0.0.0/24", "*roundrobin", "Strategy <*roundrobin> is not *ascending, *descending or *random")]
    [InlineData("*ipv4", "10.0.0.0/40", "", "Range <10.0.0.0/40> is neither a CIDR prefix nor an IP address")]
    public void Compile_BadPool_RefusedNamingProfileAndPool(string type, string range, string strategy, string expected)
    {
        var definition = new IpProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = "IPS",
            Pools = [Pool("P1", range, strategy) with { Type = type }],
        };

        var e = Assert.Throws<IpDefinitionException>(() => IpProfileDefinition.Compile(definition));

        Assert.Equal($"IP profile cgrates.org:IPS: pool P1: {expected}", e.Message);
    }

    [Fact]
    public void Compile_NoId_MandatoryIeMissing()
    {
        var e = Assert.Throws<IpDefinitionException>(() => IpProfileDefinition.Compile(new IpProfileDefinition { Tenant = "cgrates.org" }));

        Assert.Equal("MANDATORY_IE_MISSING: [ID]", e.WireError);
    }

    [Fact]
    public void From_Compiled_SameDefinition()
    {
        var profile = Profile("IPS", ["*string:~*req.Account:1001"], 10, Usage.FromSeconds(30), true,
            Pool("P1", "10.0.0.0/24", "*random", 5, true, "*prefix:~*req.Destination:+49") with { Type = "*ipv4" });

        var definition = IpProfileDefinition.From(profile);
        var again = IpProfileDefinition.Compile(definition);

        Assert.Equal(("10.0.0.0/24", "*random", IpPoolStrategy.Random, Usage.FromSeconds(30)),
            (again.Pools[0].Range.Text, again.Pools[0].Strategy, again.Pools[0].Picking, again.Ttl));
        Assert.Equal(profile.Pools[0].FilterIds, again.Pools[0].FilterIds);
    }
}
