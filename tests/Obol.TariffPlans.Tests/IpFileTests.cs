using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>IPs.csv, read as CGRateS's AsTPIPs merges it (samples from general_tests/ips_it_test.go).</summary>
public sealed class IpFileTests
{
    private const string Header =
        "#Tenant[0],ID[1],FilterIDs[2],ActivationInterval[3],TTL[4],Stored[5],Weight[6],PoolID[7],PoolFilterIDs[8],PoolType[9],"
        + "PoolRange[10],PoolStrategy[11],PoolMessage[12],PoolWeight[13],PoolBlocker[14]\n";

    private const string IpsItSample = Header + """
        cgrates.org,IPs1,,,,,,POOL1,*string:~*req.Destination:2001,*ipv4,172.16.1.1/32,*ascending,alloc_success,15,
        cgrates.org,IPs1,,,,,,POOL2,*string:~*req.Destination:2002,*ipv4,192.168.122.1/32,*random,alloc_new,25,true
        cgrates.org,IPs2,*string:~*req.Account:1002,,2s,false,20,POOL1,*string:~*req.Destination:3001,*ipv4,127.0.0.1/32,*descending,alloc_msg,35,true
        """;

    private static readonly (string, string) s_filters = ("Filters.csv", "cgrates.org,FLTR_1,*string,~*req.Account,1001,\n");

    [Fact]
    public void Ips_IpsItSample_ReadsProfilesAndPools()
    {
        var result = TestPlans.ReadTexts(("IPs.csv", IpsItSample));

        Assert.Empty(result.Errors);
        Assert.Equal(["IPs1", "IPs2"], result.Plan.Ips.Select(p => p.Id));
        var ips1 = result.Plan.Ips[0];
        Assert.Equal(new SourceLocation("IPs.csv", 2), ips1.Location);
        Assert.Equal(("cgrates.org", "", false, 0m), (ips1.Tenant, ips1.Ttl, ips1.Stored, ips1.Weight));
        Assert.Empty(ips1.FilterIds);
        Assert.Null(ips1.ActivationInterval);
        Assert.Equal(
            [
                new TpIpPool(new SourceLocation("IPs.csv", 2), "POOL1", ["*string:~*req.Destination:2001"], "*ipv4", "172.16.1.1/32",
                    "*ascending", "alloc_success", 15m, false),
                new TpIpPool(new SourceLocation("IPs.csv", 3), "POOL2", ["*string:~*req.Destination:2002"], "*ipv4", "192.168.122.1/32",
                    "*random", "alloc_new", 25m, true),
            ],
            ips1.Pools,
            PoolComparer.Instance);
        var ips2 = result.Plan.Ips[1];
        Assert.Equal(["*string:~*req.Account:1002"], ips2.FilterIds);
        Assert.Equal(("2s", false, 20m), (ips2.Ttl, ips2.Stored, ips2.Weight));
        Assert.Equal(("POOL1", "127.0.0.1/32", "*descending", 35m, true),
            (ips2.Pools[0].Id, ips2.Pools[0].Range, ips2.Pools[0].Strategy, ips2.Pools[0].Weight, ips2.Pools[0].Blocker));
    }

    [Fact]
    public void Ips_RowsOfOneId_ReplaceSetColumnsAndMergeFiltersAsASet()
    {
        var result = TestPlans.ReadTexts(s_filters, ("IPs.csv", """
            cgrates.org,IP_1,FLTR_1;*string:~*req.Account:1001,2024-01-01T00:00:00Z,1h,true,10,,,,,,,,
            cgrates.org,IP_2,,,,,,,,,,,,,
            cgrates.org,IP_1,*string:~*req.Account:1001;*prefix:~*req.Destination:10,,,false,0,,,,,,,,
            cgrates.org,IP_1,,2024-02-01T00:00:00Z;2024-03-01T00:00:00Z,-1,,30,,,,,,,,
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(["IP_1", "IP_2"], result.Plan.Ips.Select(p => p.Id));
        var ip = result.Plan.Ips[0];
        // AsTPIPs: the profile is located at its first row; empty and zero columns keep what an earlier row set.
        Assert.Equal(new SourceLocation("IPs.csv", 1), ip.Location);
        Assert.Equal(["FLTR_1", "*string:~*req.Account:1001", "*prefix:~*req.Destination:10"], ip.FilterIds);
        Assert.Equal(new TpActivationInterval("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"), ip.ActivationInterval);
        Assert.Equal(("-1", true, 30m), (ip.Ttl, ip.Stored, ip.Weight));
        Assert.Empty(ip.Pools);
    }

    [Fact]
    public void Ips_StoredFalseAfterTrue_StaysStored()
    {
        var result = TestPlans.ReadTexts(("IPs.csv", "cgrates.org,IP_1,,,,false,,,,,,,,,\ncgrates.org,IP_1,,,,true,,,,,,,,,\ncgrates.org,IP_1,,,,false,,,,,,,,,\n"));

        Assert.True(Assert.Single(result.Plan.Ips).Stored);
    }

    [Fact]
    public void Ips_PoolRows_KeyedByIdAndFilterSetInFirstAppearanceOrder()
    {
        var result = TestPlans.ReadTexts(s_filters, ("IPs.csv", """
            cgrates.org,IP_1,,,,,,P_B,FLTR_1;*string:~*req.Destination:1,*ipv4,10.0.0.1,*ascending,first,10,true
            cgrates.org,IP_1,,,,,,P_A,,*ipv6,2001:db8::/64,,,5,
            cgrates.org,IP_1,,,,,,P_B,*string:~*req.Destination:1;FLTR_1;FLTR_1,*ipv6,::1,*random,later,99,false
            cgrates.org,IP_1,,,,,,P_B,FLTR_1,,10.0.0.2,,,,
            cgrates.org,IP_1,,,,,,P_A,,,,,,,
            """));

        Assert.Empty(result.Errors);
        var pools = Assert.Single(result.Plan.Ips).Pools;
        // CGRateS keys a pool by its ID and the set of its PoolFilterIDs: the third row extends the first row's pool
        // (whose columns stay), appending its filters as they are; the fourth, with another set, is another pool.
        Assert.Equal(["P_B", "P_A", "P_B"], pools.Select(p => p.Id));
        Assert.Equal(new SourceLocation("IPs.csv", 1), pools[0].Location);
        Assert.Equal(
            ["FLTR_1", "*string:~*req.Destination:1", "*string:~*req.Destination:1", "FLTR_1", "FLTR_1"], pools[0].FilterIds);
        Assert.Equal(("*ipv4", "10.0.0.1", "*ascending", "first", 10m, true),
            (pools[0].Type, pools[0].Range, pools[0].Strategy, pools[0].Message, pools[0].Weight, pools[0].Blocker));
        Assert.Equal(("*ipv6", "2001:db8::/64", 5m), (pools[1].Type, pools[1].Range, pools[1].Weight));
        Assert.Empty(pools[1].FilterIds);
        Assert.Equal((new SourceLocation("IPs.csv", 4), "10.0.0.2", ""), (pools[2].Location, pools[2].Range, pools[2].Type));
        Assert.Equal(["FLTR_1"], pools[2].FilterIds);
    }

    [Fact]
    public void Ips_SameIdInAnotherProfile_IsAnotherPool()
    {
        var result = TestPlans.ReadTexts(("IPs.csv", "cgrates.org,IP_1,,,,,,P1,,,10.0.0.1,,,,\ncgrates.org,IP_2,,,,,,P1,,,10.0.0.2,,,,\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], result.Plan.Ips.Select(p => Assert.Single(p.Pools).Range));
    }

    [Fact]
    public void Ips_NoPoolId_PoolColumnsAreIgnored()
    {
        var result = TestPlans.ReadTexts(("IPs.csv", "cgrates.org,IP_1,,,,,,,*string:~*req.A:1,*ipv4,10.0.0.1,*random,m,5,true\n"));

        Assert.Empty(result.Errors);
        Assert.Empty(Assert.Single(result.Plan.Ips).Pools);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("127.0.0.1/24")]
    [InlineData("0.0.0.0/0")]
    [InlineData("192.168.1.1")]
    [InlineData("2001:db8::/32")]
    [InlineData("2001:DB8::1")]
    [InlineData("::ffff:10.0.0.1/128")]
    public void PoolRange_PrefixOrAddress_IsKeptAsWritten(string range)
    {
        var result = TestPlans.ReadTexts(("IPs.csv", $"cgrates.org,IP_1,,,,,,P1,,,{range},,,,\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(range, Assert.Single(Assert.Single(result.Plan.Ips).Pools).Range);
    }

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("010.0.0.1/8")]
    [InlineData("4294967295")]
    [InlineData("10.0.0.1/33")]
    [InlineData("10.0.0.1/024")]
    [InlineData("10.0.0.1/")]
    [InlineData("/24")]
    [InlineData("10.0.0.1/24/2")]
    [InlineData("::/129")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    public void PoolRange_NotAPrefixOrAddress_IsAnError(string range)
    {
        var result = TestPlans.ReadTexts(("IPs.csv", $"cgrates.org,IP_1,,,,,,P1,,,{range},,,,\n"));

        Assert.Equal(new TariffPlanError("IPs.csv", 1, "PoolRange", $"invalid range \"{range}\" (expected a CIDR prefix or an IP address)"),
            TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Ips);
    }

    [Theory]
    [InlineData("cgrates.org,IP_1,,,1 hour,,,,,,,,,,", "TTL", "invalid duration \"1 hour\"")]
    [InlineData("cgrates.org,IP_1,,,,maybe,,,,,,,,,", "Stored", "invalid boolean \"maybe\"")]
    [InlineData("cgrates.org,IP_1,,,,,ten,,,,,,,,", "Weight", "invalid decimal \"ten\"")]
    [InlineData("cgrates.org,IP_1,,yesterday,,,,,,,,,,,", "ActivationInterval", "invalid time \"yesterday\"")]
    [InlineData("cgrates.org,IP_1,*string:~*req.Account,,,,,,,,,,,,", "FilterIDs",
        "invalid inline filter \"*string:~*req.Account\" (expected *type:element:values)")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,*string:~*req.Account,,10.0.0.1,,,,", "PoolFilterIDs",
        "invalid inline filter \"*string:~*req.Account\" (expected *type:element:values)")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,ipv4,10.0.0.1,,,,", "PoolType", "invalid pool type \"ipv4\" (expected *ipv4 or *ipv6)")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,*ipv4,2001:db8::/32,,,,", "PoolType",
        "pool type \"*ipv4\" does not match the range \"2001:db8::/32\" (*ipv6)")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,*ipv6,10.0.0.1,,,,", "PoolType", "pool type \"*ipv6\" does not match the range \"10.0.0.1\" (*ipv4)")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,,10.0.0.1,*asc,,,", "PoolStrategy",
        "invalid pool strategy \"*asc\" (expected *ascending, *descending, *random)")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,,10.0.0.1,,,heavy,", "PoolWeight", "invalid decimal \"heavy\"")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,,10.0.0.1,,,,nope", "PoolBlocker", "invalid boolean \"nope\"")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,,*ipv4,,*ascending,,,", "PoolRange",
        "pool \"P1\" has no range (expected a CIDR prefix or an IP address)")]
    public void Read_BadField_IsLocatedAndTheRowLeftOut(string row, string column, string message)
    {
        var result = TestPlans.ReadTexts(("IPs.csv", Header + row + "\n"));

        Assert.Equal(new TariffPlanError("IPs.csv", 2, column, message), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.Ips);
    }

    [Fact]
    public void Read_BadContinuationRow_LeavesTheProfileAsItsGoodRowsMadeIt()
    {
        var result = TestPlans.ReadTexts(("IPs.csv", "cgrates.org,IP_1,,,1h,,10,P1,,,10.0.0.1,,,,\ncgrates.org,IP_1,,,2h,,20,P2,,,10.0.0,,,,\n"));

        var error = TestPlans.SingleError(result);
        Assert.Equal(("IPs.csv", 2, "PoolRange"), (error.File, error.Line, error.Column));
        var ip = Assert.Single(result.Plan.Ips);
        Assert.Equal(("1h", 10m), (ip.Ttl, ip.Weight));
        Assert.Equal("P1", Assert.Single(ip.Pools).Id);
    }

    [Theory]
    [InlineData("cgrates.org,IP_1,FLTR_X,,,,,,,,,,,,", "FilterIDs")]
    [InlineData("cgrates.org,IP_1,,,,,,P1,FLTR_1;FLTR_X,,10.0.0.1,,,,", "PoolFilterIDs")]
    public void Read_UnknownFilter_IsAnError(string row, string column)
    {
        var result = TestPlans.ReadTexts(s_filters, ("IPs.csv", Header + row + "\n"));

        Assert.Equal(new TariffPlanError("IPs.csv", 2, column, "unknown Filter \"FLTR_X\" in tenant cgrates.org"), TestPlans.SingleError(result));
    }

    [Fact]
    public void Read_KnownAndInlineFilters_NeedNoFurtherDefinition()
    {
        var result = TestPlans.ReadTexts(s_filters, ("IPs.csv", "cgrates.org,IP_1,FLTR_1;*string:~*req.A:1,,,,,P1,FLTR_1;*prefix:~*req.B:2,,10.0.0.1,,,,\n"));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void IdOf_IpsFile_IsTenantAndId() =>
        Assert.Equal("cgrates.org:IPs1", PlanCsv.IdOf("IPs.csv", ["cgrates.org", "IPs1", "", "", "", "", "", "", "", "", "", "", "", "", ""]));

    [Fact]
    public void Columns_IpsFile_AreCGRatesIndexTags() =>
        Assert.Equal(
            [
                "Tenant", "ID", "FilterIDs", "ActivationInterval", "TTL", "Stored", "Weight", "PoolID", "PoolFilterIDs", "PoolType",
                "PoolRange", "PoolStrategy", "PoolMessage", "PoolWeight", "PoolBlocker",
            ],
            PlanCsv.Columns("data/IPs.csv"));

    /// <summary>TpIpPool holds an array, which record equality compares by reference.</summary>
    private sealed class PoolComparer : IEqualityComparer<TpIpPool>
    {
        public static readonly PoolComparer Instance = new();

        public bool Equals(TpIpPool? x, TpIpPool? y) =>
            x is not null && y is not null && x with { FilterIds = y.FilterIds } == y && x.FilterIds.SequenceEqual(y.FilterIds);

        public int GetHashCode(TpIpPool obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
