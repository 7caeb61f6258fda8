using NodaTime;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>APIerSv1's StorDB row methods of IPs.csv (SetTPIP, GetTPIP, RemoveTPIP): the shape CGRateS merges its rows
/// into (AsTPIPs), and rows the tariff-plan reader reads back as the same profile.</summary>
public sealed class TpIpRowTests
{
    private const string Profile = """
        {"TPid":"TP1","Tenant":"cgrates.org","ID":"IPs1","FilterIDs":["*string:~*req.Account:1001","*prefix:~*req.Destination:10"],"ActivationInterval":{"ActivationTime":"2014-07-29T15:00:00Z","ExpiryTime":""},"TTL":"1h","Stored":true,"Weight":10,"Pools":[{"ID":"POOL1","FilterIDs":["*string:~*req.Destination:2001"],"Type":"*ipv4","Range":"172.16.1.1/32","Strategy":"*ascending","Message":"alloc_success","Weight":15,"Blocker":false},{"ID":"POOL2","FilterIDs":null,"Type":"*ipv6","Range":"2001:db8::1","Strategy":"*random","Message":"","Weight":25.5,"Blocker":true}]}
        """;

    private static readonly TariffPlanReadOptions s_readOptions = new(DateTimeZone.Utc, Instant.FromUtc(2024, 5, 1, 0, 0));

    private readonly TpRowApi _api = new();

    [Fact]
    public async Task SetThenGetTPIP_RoundTripsTheProfileInOneRowPerPool()
    {
        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.SetTPIP", Profile)).GetString());

        var reply = await _api.ResultAsync("APIerSv1.GetTPIP", """{"TPid":"TP1","ID":"IPs1"}""");

        Assert.Equal(Profile, reply.GetRawText());
        Assert.Equal(
            "#Tenant,ID,FilterIDs,ActivationInterval,TTL,Stored,Weight,PoolID,PoolFilterIDs,PoolType,PoolRange,PoolStrategy,PoolMessage,"
            + "PoolWeight,PoolBlocker\n"
            + "cgrates.org,IPs1,*string:~*req.Account:1001;*prefix:~*req.Destination:10,2014-07-29T15:00:00Z,1h,true,10,POOL1,"
            + "*string:~*req.Destination:2001,*ipv4,172.16.1.1/32,*ascending,alloc_success,15,false\n"
            + "cgrates.org,IPs1,,,,true,0,POOL2,,*ipv6,2001:db8::1,*random,,25.5,true\n",
            await _api.FileTextAsync("TP1", "IPs.csv"));
    }

    [Fact]
    public async Task SetTPIP_StoredRows_ReadBackByTheLoaderAsTheSameProfile()
    {
        await _api.ResultAsync("APIerSv1.SetTPIP", Profile);

        var read = TariffPlanReader.ReadFiles(await _api.Imports.LoadAsync("TP1"), s_readOptions);

        Assert.Empty(read.Errors);
        var ip = Assert.Single(read.Plan.Ips);
        Assert.Equal(("cgrates.org", "IPs1", "1h", true, 10m), (ip.Tenant, ip.Id, ip.Ttl, ip.Stored, ip.Weight));
        Assert.Equal(["*string:~*req.Account:1001", "*prefix:~*req.Destination:10"], ip.FilterIds);
        Assert.Equal(new TpActivationInterval("2014-07-29T15:00:00Z", ""), ip.ActivationInterval);
        Assert.Equal(["POOL1", "POOL2"], ip.Pools.Select(p => p.Id));
        Assert.Equal(["*string:~*req.Destination:2001"], ip.Pools[0].FilterIds);
        Assert.Equal(("*ipv4", "172.16.1.1/32", "*ascending", "alloc_success", 15m, false),
            (ip.Pools[0].Type, ip.Pools[0].Range, ip.Pools[0].Strategy, ip.Pools[0].Message, ip.Pools[0].Weight, ip.Pools[0].Blocker));
        Assert.Equal(("*ipv6", "2001:db8::1", "*random", 25.5m, true),
            (ip.Pools[1].Type, ip.Pools[1].Range, ip.Pools[1].Strategy, ip.Pools[1].Weight, ip.Pools[1].Blocker));
    }

    [Fact]
    public async Task SetTPIP_OnlyTheId_StoresOneRowWithDefaultsUnderTheDefaultTenant()
    {
        await _api.ResultAsync("APIerSv1.SetTPIP", """{"TPid":"TP1","ID":"IPs2"}""");

        var reply = await _api.ResultAsync("APIerSv1.GetTPIP", """{"TPid":"TP1","ID":"IPs2"}""");

        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"IPs2","FilterIDs":null,"ActivationInterval":null,"TTL":"","Stored":false,"Weight":0,"Pools":null}""",
            reply.GetRawText());
        var read = TariffPlanReader.ReadFiles(await _api.Imports.LoadAsync("TP1"), s_readOptions);
        Assert.Empty(read.Errors);
        Assert.Empty(Assert.Single(read.Plan.Ips).Pools);
    }

    [Fact]
    public async Task GetTPIP_ImportedRows_MergedAsCgratesMergesThem()
    {
        await _api.Imports.SaveAsync("TP1", "test", [new TariffPlanFile("IPs.csv", """
            #Tenant,ID,FilterIDs,ActivationInterval,TTL,Stored,Weight,PoolID,PoolFilterIDs,PoolType,PoolRange,PoolStrategy,PoolMessage,PoolWeight,PoolBlocker
            cgrates.org,IPs1,FLTR_1;FLTR_2,,1h,false,10,P1,F_A;F_B,*ipv4,10.0.0.1,*ascending,first,15,true
            cgrates.org,IPs1,FLTR_2;FLTR_3,2024-01-01T00:00:00Z,,true,0,P2,,*ipv4,10.0.0.2,,,5,
            cgrates.org,IPs1,,,-1,false,30,P1,F_B;F_A,*ipv6,::1,*random,later,99,false
            cgrates.org,IPs1,,,,,,P1,F_C,,10.0.0.3,,,,
            """)]);

        var reply = await _api.ResultAsync("APIerSv1.GetTPIP", """{"TPid":"TP1","Tenant":"cgrates.org","ID":"IPs1"}""");

        // AsTPIPs: a pool is its ID and set of PoolFilterIDs (the third row extends the first one's, appending its
        // filters); empty and zero profile fields keep what an earlier row set; FilterIDs merge as a set.
        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"IPs1","FilterIDs":["FLTR_1","FLTR_2","FLTR_3"],"ActivationInterval":{"ActivationTime":"2024-01-01T00:00:00Z","ExpiryTime":""},"TTL":"-1","Stored":true,"Weight":30,"Pools":[{"ID":"P1","FilterIDs":["F_A","F_B","F_B","F_A"],"Type":"*ipv4","Range":"10.0.0.1","Strategy":"*ascending","Message":"first","Weight":15,"Blocker":true},{"ID":"P2","FilterIDs":null,"Type":"*ipv4","Range":"10.0.0.2","Strategy":"","Message":"","Weight":5,"Blocker":false},{"ID":"P1","FilterIDs":["F_C"],"Type":"","Range":"10.0.0.3","Strategy":"","Message":"","Weight":0,"Blocker":false}]}""",
            reply.GetRawText());
    }

    [Fact]
    public async Task RemoveTPIP_EveryRowOfTheProfile_IsRemoved()
    {
        await _api.ResultAsync("APIerSv1.SetTPIP", Profile);
        await _api.ResultAsync("APIerSv1.SetTPIP", """{"TPid":"TP1","Tenant":"cgrates.net","ID":"IPs9"}""");

        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.RemoveTPIP", """{"TPid":"TP1","ID":"IPs1"}""")).GetString());

        Assert.Equal("NOT_FOUND", await _api.ErrorAsync("APIerSv1.GetTPIP", """{"TPid":"TP1","ID":"IPs1"}"""));
        Assert.Equal("IPs9", (await _api.ResultAsync("APIerSv1.GetTPIP", """{"TPid":"TP1","Tenant":"cgrates.net","ID":"IPs9"}"""))
            .GetProperty("ID").GetString());
        Assert.Equal("OK", (await _api.ResultAsync("APIerSv1.RemoveTPIP", """{"TPid":"TP1","Tenant":"cgrates.net","ID":"IPs9"}""")).GetString());
        Assert.DoesNotContain(await _api.Imports.LoadAsync("TP1"), f => f.Name == "IPs.csv");
    }

    [Fact]
    public async Task GetTPIPIDs_CgratesHasNoSuchMethod_IsUnknown() =>
        Assert.Equal("rpc: can't find method APIerSv1.GetTPIPIDs", await _api.ErrorAsync("APIerSv1.GetTPIPIDs", """{"TPid":"TP1"}"""));

    [Theory]
    [InlineData("APIerSv1.SetTPIP", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.SetTPIP", """{"ID":"IPs1"}""", "MANDATORY_IE_MISSING: [TPid]")]
    [InlineData("APIerSv1.GetTPIP", """{"ID":"IPs1"}""", "MANDATORY_IE_MISSING: [TPid]")]
    [InlineData("APIerSv1.GetTPIP", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.RemoveTPIP", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    public async Task Call_MissingField_IsRefused(string method, string args, string error) =>
        Assert.Equal(error, await _api.ErrorAsync(method, args));
}
