using System.Text.Json;
using NodaTime;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Api.Tests;

/// <summary>APIerSv1's StorDB row methods of DispatcherProfiles.csv and DispatcherHosts.csv (apier/v1/tpdispatchers.go):
/// the shapes CGRateS merges their rows into, and rows the tariff-plan reader reads back as the same profile.</summary>
public sealed class TpDispatcherRowTests
{
    private const string Profile = """
        {"TPid":"TP1","Tenant":"cgrates.org","ID":"D1","Subsystems":["*sessions","*chargers"],"FilterIDs":["*string:~*req.Account:1001"],"ActivationInterval":{"ActivationTime":"2014-07-29T15:00:00Z","ExpiryTime":""},"Strategy":"*weight","StrategyParams":["*default_ratio:2"],"Weight":20,"Hosts":[{"ID":"H1","FilterIDs":["*prefix:~*req.Destination:10"],"Weight":10,"Params":["*ratio:1"],"Blocker":true},{"ID":"H2","FilterIDs":[],"Weight":5,"Params":["*ratio:3","x"],"Blocker":false}]}
        """;

    private const string Host = """
        {"TPid":"TP1","Tenant":"cgrates.org","ID":"H1","Conn":{"Address":"127.0.0.1:2012","Transport":"*json","ConnectAttempts":1,"Reconnects":3,"MaxReconnectInterval":0,"ConnectTimeout":60000000000,"ReplyTimeout":500000000,"TLS":true,"ClientKey":"key.pem","ClientCertificate":"cert.pem","CaCertificate":"ca.pem"}}
        """;

    private static readonly TariffPlanReadOptions s_readOptions = new(DateTimeZone.Utc, Instant.FromUtc(2024, 5, 1, 0, 0));

    private readonly TpRowApi _api = new();
    private readonly TpRowApi.MemoryImports _imports;

    public TpDispatcherRowTests() => _imports = _api.Imports;

    [Fact]
    public async Task SetThenGetTPDispatcherProfile_RoundTripsTheProfile()
    {
        Assert.Equal("OK", (await ResultAsync("APIerSv1.SetTPDispatcherProfile", Profile)).GetString());

        var reply = await ResultAsync("APIerSv1.GetTPDispatcherProfile", """{"TPid":"TP1","ID":"D1"}""");

        Assert.Equal(Profile, reply.GetRawText());
    }

    [Fact]
    public async Task SetTPDispatcherProfile_StoredRows_ReadBackByTheLoaderAsTheSameProfile()
    {
        await ResultAsync("APIerSv1.SetTPDispatcherProfile", Profile);

        var read = TariffPlanReader.ReadFiles(await _imports.LoadAsync("TP1"), s_readOptions);

        Assert.Empty(read.Errors);
        var profile = Assert.Single(read.Plan.DispatcherProfiles);
        Assert.Equal(("cgrates.org", "D1", "*weight", 20m), (profile.Tenant, profile.Id, profile.Strategy, profile.Weight));
        Assert.Equal(["*sessions", "*chargers"], profile.Subsystems);
        Assert.Equal(["*string:~*req.Account:1001"], profile.FilterIds);
        Assert.Equal(new TpActivationInterval("2014-07-29T15:00:00Z", ""), profile.ActivationInterval);
        Assert.Equal(["*default_ratio:2"], profile.StrategyParameters);
        Assert.Equal([("H1", 10m, true), ("H2", 5m, false)], profile.Hosts.Select(h => (h.Id, h.Weight, h.Blocker)));
        Assert.Equal(["*prefix:~*req.Destination:10"], profile.Hosts[0].FilterIds);
        Assert.Equal(["*ratio:1"], profile.Hosts[0].Parameters);
        Assert.Equal(["*ratio:3", "x"], profile.Hosts[1].Parameters);
    }

    [Fact]
    public async Task SetTPDispatcherProfile_WithoutHosts_StoresOneRowWithTheProfileFields()
    {
        await ResultAsync("APIerSv1.SetTPDispatcherProfile", """{"TPid":"TP1","ID":"D2","Strategy":"*first","Weight":10}""");

        var reply = await ResultAsync("APIerSv1.GetTPDispatcherProfile", """{"TPid":"TP1","ID":"D2"}""");

        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"D2","Subsystems":null,"FilterIDs":null,"ActivationInterval":null,"Strategy":"*first","StrategyParams":null,"Weight":10,"Hosts":null}""",
            reply.GetRawText());
        Assert.Equal(
            "#Tenant,ID,Subsystems,FilterIDs,ActivationInterval,Strategy,StrategyParameters,ConnID,ConnFilterIDs,ConnWeight,ConnBlocker,ConnParameters,Weight\n"
            + "cgrates.org,D2,,,,*first,,,,0,false,,10\n",
            (await _imports.LoadAsync("TP1")).Single(f => f.Name == "DispatcherProfiles.csv").Text);
    }

    [Fact]
    public async Task GetTPDispatcherProfile_ImportedSampleRows_MergedAsCgratesMergesThem()
    {
        await _imports.SaveAsync("TP1", "test", [new TariffPlanFile("DispatcherProfiles.csv", """
            #Tenant,ID,Subsystems,FilterIDs,ActivationInterval,Strategy,StrategyParameters,ConnID,ConnFilterIDs,ConnWeight,ConnBlocker,ConnParameters,Weight
            cgrates.org,EVENT7,*any,*string:~*opts.EventType:LoadDispatcher,,*weight,*default_ratio:1,ALL,,20,false,,20
            cgrates.org,EVENT7,,,,,,ALL2,,20,,*ratio:1,20
            cgrates.org,EVENT7,*any;*sessions,,,,,ALL,FLTR_A,99,true,p,
            """)]);

        var reply = await ResultAsync("APIerSv1.GetTPDispatcherProfile", """{"TPid":"TP1","Tenant":"cgrates.org","ID":"EVENT7"}""");

        // AsTPDispatcherProfiles appends every ConnParameters piece, an empty field's "" too; a host keeps its first
        // row's Weight and Blocker.
        Assert.Equal(
            """{"TPid":"TP1","Tenant":"cgrates.org","ID":"EVENT7","Subsystems":["*any","*sessions"],"FilterIDs":["*string:~*opts.EventType:LoadDispatcher"],"ActivationInterval":null,"Strategy":"*weight","StrategyParams":["*default_ratio:1"],"Weight":20,"Hosts":[{"ID":"ALL","FilterIDs":["FLTR_A"],"Weight":20,"Params":["","p"],"Blocker":false},{"ID":"ALL2","FilterIDs":[],"Weight":20,"Params":["*ratio:1"],"Blocker":false}]}""",
            reply.GetRawText());
    }

    [Fact]
    public async Task SetThenGetTPDispatcherHost_RoundTripsWithNanosecondDurations()
    {
        await ResultAsync("APIerSv1.SetTPDispatcherHost", Host);

        var reply = await ResultAsync("APIerSv1.GetTPDispatcherHost", """{"TPid":"TP1","ID":"H1"}""");

        Assert.Equal(Host, reply.GetRawText());
        // APItoModelTPDispatcherHost writes each duration as Go's Duration.String().
        Assert.EndsWith(
            "cgrates.org,H1,127.0.0.1:2012,*json,1,3,0s,1m0s,500ms,true,key.pem,cert.pem,ca.pem\n",
            (await _imports.LoadAsync("TP1")).Single(f => f.Name == "DispatcherHosts.csv").Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetTPDispatcherHost_StoredRow_ReadBackByTheLoader()
    {
        await ResultAsync("APIerSv1.SetTPDispatcherHost", Host);

        var read = TariffPlanReader.ReadFiles(await _imports.LoadAsync("TP1"), s_readOptions);

        Assert.Empty(read.Errors);
        var host = Assert.Single(read.Plan.DispatcherHosts);
        Assert.Equal(("cgrates.org", "H1", "127.0.0.1:2012", "*json"), (host.Tenant, host.Id, host.Address, host.Transport));
        Assert.Equal((1, 3), (host.ConnectAttempts, host.Reconnects));
        Assert.Equal(("0s", "1m0s", "500ms"), (host.MaxReconnectInterval, host.ConnectTimeout, host.ReplyTimeout));
        Assert.True(host.Tls);
    }

    [Fact]
    public async Task GetTPDispatcherHost_EmptyTransport_IsJson()
    {
        await ResultAsync("APIerSv1.SetTPDispatcherHost", """{"TPid":"TP1","ID":"SELF","Conn":{"Address":"*internal"}}""");

        var reply = await ResultAsync("APIerSv1.GetTPDispatcherHost", """{"TPid":"TP1","ID":"SELF"}""");

        Assert.Equal("*json", reply.GetProperty("Conn").GetProperty("Transport").GetString());
        Assert.Equal("cgrates.org", reply.GetProperty("Tenant").GetString());
    }

    [Fact]
    public async Task IdsAndRemove_DispatcherTables_ListTenantIdsAndRemoveOne()
    {
        await ResultAsync("APIerSv1.SetTPDispatcherProfile", Profile);
        await ResultAsync("APIerSv1.SetTPDispatcherProfile", """{"TPid":"TP1","Tenant":"cgrates.net","ID":"D9"}""");
        await ResultAsync("APIerSv1.SetTPDispatcherHost", Host);

        Assert.Equal("""["cgrates.net:D9","cgrates.org:D1"]""", (await ResultAsync("APIerSv1.GetTPDispatcherProfileIDs", """{"TPid":"TP1"}""")).GetRawText());
        Assert.Equal("""["cgrates.org:H1"]""", (await ResultAsync("APIerSv1.GetTPDispatcherHostIDs", """{"TPid":"TP1"}""")).GetRawText());
        Assert.Equal("OK", (await ResultAsync("APIerSv1.RemoveTPDispatcherProfile", """{"TPid":"TP1","ID":"D1"}""")).GetString());
        Assert.Equal("OK", (await ResultAsync("APIerSv1.RemoveTPDispatcherHost", """{"TPid":"TP1","Tenant":"cgrates.org","ID":"H1"}""")).GetString());

        Assert.Equal("NOT_FOUND", await ErrorAsync("APIerSv1.GetTPDispatcherProfile", """{"TPid":"TP1","ID":"D1"}"""));
        Assert.Equal("NOT_FOUND", await ErrorAsync("APIerSv1.GetTPDispatcherHost", """{"TPid":"TP1","ID":"H1"}"""));
        Assert.Equal("""["cgrates.net:D9"]""", (await ResultAsync("APIerSv1.GetTPDispatcherProfileIDs", """{"TPid":"TP1"}""")).GetRawText());
    }

    [Theory]
    [InlineData("APIerSv1.SetTPDispatcherProfile", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.SetTPDispatcherHost", """{"ID":"H1","Conn":{}}""", "MANDATORY_IE_MISSING: [TPid]")]
    [InlineData("APIerSv1.SetTPDispatcherHost", """{"TPid":"TP1","ID":"H1"}""", "MANDATORY_IE_MISSING: [Conn]")]
    [InlineData("APIerSv1.GetTPDispatcherProfile", """{"TPid":"TP1"}""", "MANDATORY_IE_MISSING: [ID]")]
    [InlineData("APIerSv1.GetTPDispatcherHostIDs", "{}", "MANDATORY_IE_MISSING: [TPid]")]
    public async Task Call_MissingField_IsRefused(string method, string args, string error) =>
        Assert.Equal(error, await ErrorAsync(method, args));

    private Task<JsonElement> ResultAsync(string method, string argsJson) => _api.ResultAsync(method, argsJson);

    private Task<string> ErrorAsync(string method, string argsJson) => _api.ErrorAsync(method, argsJson);
}
