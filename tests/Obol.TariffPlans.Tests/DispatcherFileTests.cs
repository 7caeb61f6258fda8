using Xunit;

namespace Obol.TariffPlans.Tests;

/// <summary>DispatcherProfiles.csv and DispatcherHosts.csv, read from CGRateS's data/tariffplans/dispatchers.</summary>
public sealed class DispatcherFileTests
{
    private const string SampleProfiles = """
        #Tenant,ID,Subsystems,FilterIDs,ActivationInterval,Strategy,StrategyParameters,ConnID,ConnFilterIDs,ConnWeight,ConnBlocker,ConnParameters,Weight
        cgrates.org,PING1,*any,,,*weight,,ALL,,20,false,,10
        cgrates.org,PING1,,,,,,ALL2,,10,,,
        cgrates.org,PING2,*any,*string:~*req.EventName:NonexistingHost,,*weight,,NonexistingHost,,20,false,,20
        cgrates.org,PING2,,,,,,ALL2,,10,,,
        cgrates.org,EVENT1,*any,*string:~*req.EventName:Event1,,*weight,,ALL2,,20,false,,30
        cgrates.org,EVENT1,,,,,,ALL,,10,,,
        cgrates.org,EVENT2,*any,*string:~*req.EventName:RoundRobin,,*round_robin,,ALL2,,20,false,,20
        cgrates.org,EVENT2,,,,,,ALL,,10,,,
        cgrates.org,EVENT3,*any,*string:~*req.EventName:Random,,*random,,ALL2,,20,false,,20
        cgrates.org,EVENT3,,,,,,ALL,,10,,,
        cgrates.org,EVENT4,*any,*string:~*req.EventName:Broadcast,,*broadcast_sync,,ALL2,,20,false,,20
        cgrates.org,EVENT4,,,,,,ALL,,10,,,
        cgrates.org,EVENT5,*any,*string:~*req.EventName:Internal,,*weight,,SELF,,20,false,,20
        cgrates.org,EVENT6,*any,*string:~*opts.*method:DispatcherSv1.GetProfilesForEvent,,*weight,,SELF,,20,false,,20
        cgrates.org,EVENT7,*any,*string:~*opts.EventType:LoadDispatcher,,*weight,*default_ratio:1,ALL,,20,false,,20
        cgrates.org,EVENT7,,,,,,ALL2,,20,,*ratio:1,20
        """;

    private const string SampleHosts = """
        #Tenant[0],ID[1],Address[2],Transport[3],ConnectAttempts[4],Reconnects[5],MaxReconnectInterval[6],ConnectTimeout[7],ReplyTimeout[8],Tls[9],ClientKey[10],ClientCertificate[11],CaCertificate[12]
        cgrates.org,SELF,*internal,,1,3,,"1m","2m",false,,,
        cgrates.org,ALL,127.0.0.1:6012,*json,1,3,,"1m","2m",false,,,
        cgrates.org,ALL2,127.0.0.1:7012,*json,1,3,,"1m","2m",false,,,
        cgrates.org,NonexistingHost,127.0.0.1:10012,*json,1,3,,"1m","2m",false,,,
        """;

    private static readonly (string, string) s_filters = ("Filters.csv", "cgrates.org,FLTR_1,*string,~*req.Account,1001,\n");

    [Fact]
    public void Read_CGRatesSample_HasNoErrors()
    {
        var result = TestPlans.ReadTexts(("DispatcherProfiles.csv", SampleProfiles), ("DispatcherHosts.csv", SampleHosts));

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["PING1", "PING2", "EVENT1", "EVENT2", "EVENT3", "EVENT4", "EVENT5", "EVENT6", "EVENT7"],
            result.Plan.DispatcherProfiles.Select(p => p.Id));
        Assert.Equal(["SELF", "ALL", "ALL2", "NonexistingHost"], result.Plan.DispatcherHosts.Select(h => h.Id));
    }

    [Fact]
    public void DispatcherProfiles_ContinuationRow_AddsHostAfterTheFirst()
    {
        var result = TestPlans.ReadTexts(("DispatcherProfiles.csv", SampleProfiles));

        var ping1 = result.Plan.DispatcherProfiles[0];
        Assert.Equal(new SourceLocation("DispatcherProfiles.csv", 2), ping1.Location);
        Assert.Equal("cgrates.org", ping1.Tenant);
        Assert.Equal(["*any"], ping1.Subsystems);
        Assert.Empty(ping1.FilterIds);
        Assert.Null(ping1.ActivationInterval);
        Assert.Equal("*weight", ping1.Strategy);
        Assert.Empty(ping1.StrategyParameters);
        Assert.Equal(10m, ping1.Weight);
        Assert.Equal([("ALL", 20m, false), ("ALL2", 10m, false)], ping1.Hosts.Select(h => (h.Id, h.Weight, h.Blocker)));
        Assert.All(ping1.Hosts, h => Assert.Empty(h.Parameters));
        Assert.All(ping1.Hosts, h => Assert.Empty(h.FilterIds));
    }

    [Fact]
    public void DispatcherProfiles_StrategyAndConnParameters_AreKeptPerProfileAndHost()
    {
        var result = TestPlans.ReadTexts(("DispatcherProfiles.csv", SampleProfiles));

        var event7 = result.Plan.DispatcherProfiles.Single(p => p.Id == "EVENT7");
        Assert.Equal(["*string:~*opts.EventType:LoadDispatcher"], event7.FilterIds);
        Assert.Equal(["*default_ratio:1"], event7.StrategyParameters);
        Assert.Equal(["ALL", "ALL2"], event7.Hosts.Select(h => h.Id));
        Assert.Empty(event7.Hosts[0].Parameters);
        Assert.Equal(["*ratio:1"], event7.Hosts[1].Parameters);
        Assert.Equal(20m, event7.Weight);
    }

    [Fact]
    public void DispatcherProfiles_RowsRepeatingAHost_MergeItsFiltersAndAppendParameters()
    {
        var result = TestPlans.ReadTexts(s_filters, ("DispatcherProfiles.csv", """
            cgrates.org,D1,*sessions;*any,FLTR_1,2020-01-01T00:00:00Z,*weight,a:1,H1,FLTR_1,20,true,p1,5
            cgrates.org,D1,*any;*chargers,FLTR_1,,*random,b:2;c:3,H1,FLTR_1;*string:~*req.X:1,99,false,p2;p3,0
            cgrates.org,D1,,,,,,H2,,7,,,15
            """));

        Assert.Empty(result.Errors);
        var profile = Assert.Single(result.Plan.DispatcherProfiles);
        Assert.Equal(["*sessions", "*any", "*chargers"], profile.Subsystems);
        Assert.Equal(["FLTR_1"], profile.FilterIds);
        Assert.Equal(new TpActivationInterval("2020-01-01T00:00:00Z", ""), profile.ActivationInterval);
        Assert.Equal("*random", profile.Strategy);
        Assert.Equal(["a:1", "b:2", "c:3"], profile.StrategyParameters);
        Assert.Equal(15m, profile.Weight);
        Assert.Equal(2, profile.Hosts.Count);
        var h1 = profile.Hosts[0];
        Assert.Equal(("H1", 20m, true), (h1.Id, h1.Weight, h1.Blocker));
        Assert.Equal(["FLTR_1", "*string:~*req.X:1"], h1.FilterIds);
        Assert.Equal(["p1", "p2", "p3"], h1.Parameters);
        Assert.Equal(("H2", 7m), (profile.Hosts[1].Id, profile.Hosts[1].Weight));
    }

    [Fact]
    public void DispatcherHosts_Sample_KeepsDurationTextAndDefaultsTransport()
    {
        var result = TestPlans.ReadTexts(("DispatcherHosts.csv", SampleHosts));

        var self = result.Plan.DispatcherHosts[0];
        Assert.Equal(new SourceLocation("DispatcherHosts.csv", 2), self.Location);
        Assert.Equal(("cgrates.org", "SELF", "*internal"), (self.Tenant, self.Id, self.Address));
        // AsTPDispatcherHosts: an empty Transport is *json.
        Assert.Equal("*json", self.Transport);
        Assert.Equal((1, 3), (self.ConnectAttempts, self.Reconnects));
        Assert.Equal(("", "1m", "2m"), (self.MaxReconnectInterval, self.ConnectTimeout, self.ReplyTimeout));
        Assert.False(self.Tls);
        Assert.Equal(("", "", ""), (self.ClientKey, self.ClientCertificate, self.CaCertificate));
        Assert.Equal("127.0.0.1:6012", result.Plan.DispatcherHosts[1].Address);
    }

    [Fact]
    public void DispatcherHosts_LaterRowOfSameId_ReplacesTheHostInItsPlace()
    {
        var result = TestPlans.ReadTexts(("DispatcherHosts.csv", """
            cgrates.org,H1,127.0.0.1:2012,*json,1,3,,1m,2m,false,,,
            cgrates.org,H2,127.0.0.1:3012,*gob,1,3,,,,false,,,
            cgrates.org,H1,10.0.0.1:2013,*birpc_json,5,-1,5s,500ms,1000000000,true,key.pem,cert.pem,ca.pem
            """));

        Assert.Empty(result.Errors);
        Assert.Equal(["H1", "H2"], result.Plan.DispatcherHosts.Select(h => h.Id));
        var h1 = result.Plan.DispatcherHosts[0];
        Assert.Equal(new SourceLocation("DispatcherHosts.csv", 3), h1.Location);
        Assert.Equal(("10.0.0.1:2013", "*birpc_json", 5, -1), (h1.Address, h1.Transport, h1.ConnectAttempts, h1.Reconnects));
        Assert.Equal(("5s", "500ms", "1000000000"), (h1.MaxReconnectInterval, h1.ConnectTimeout, h1.ReplyTimeout));
        Assert.True(h1.Tls);
        Assert.Equal(("key.pem", "cert.pem", "ca.pem"), (h1.ClientKey, h1.ClientCertificate, h1.CaCertificate));
    }

    [Fact]
    public void DispatcherHosts_EmptyAddress_IsNotLoadedAndWarned()
    {
        var result = TestPlans.ReadTexts(("DispatcherHosts.csv", "cgrates.org,H1,,*json,1,3,,,,false,,,\n"));

        Assert.Empty(result.Plan.DispatcherHosts);
        Assert.Equal(
            [new TariffPlanError("DispatcherHosts.csv", 1, "Address", "no address: host \"H1\" is not loaded from this row", IsWarning: true)],
            result.Errors);
    }

    [Theory]
    [InlineData("DispatcherProfiles.csv", "cgrates.org,D1,*any,,,*weight,,H1,,heavy,false,,10", "ConnWeight", "invalid decimal \"heavy\"")]
    [InlineData("DispatcherProfiles.csv", "cgrates.org,D1,*any,,,*weight,,H1,,10,maybe,,10", "ConnBlocker", "invalid boolean \"maybe\"")]
    [InlineData("DispatcherProfiles.csv", "cgrates.org,D1,*any,,,*weight,,H1,,10,false,,ten", "Weight", "invalid decimal \"ten\"")]
    [InlineData("DispatcherProfiles.csv", "cgrates.org,D1,*any,,someday,*weight,,H1,,10,false,,10", "ActivationInterval", "invalid time \"someday\"")]
    [InlineData("DispatcherHosts.csv", "cgrates.org,H1,127.0.0.1:2012,*json,1,3,,1m,2m,yes,,,", "TLS", "invalid boolean \"yes\"")]
    [InlineData("DispatcherHosts.csv", "cgrates.org,H1,127.0.0.1:2012,*json,one,3,,1m,2m,false,,,", "ConnectAttempts", "invalid integer \"one\"")]
    [InlineData("DispatcherHosts.csv", "cgrates.org,H1,127.0.0.1:2012,*json,1,3,forever,1m,2m,false,,,", "MaxReconnectInterval", "invalid duration \"forever\"")]
    [InlineData("DispatcherHosts.csv", "cgrates.org,H1,127.0.0.1:2012,*json,1,3,,1 m,2m,false,,,", "ConnectTimeout", "invalid duration \"1 m\"")]
    [InlineData("DispatcherHosts.csv", "cgrates.org,H1,127.0.0.1:2012,*json,1,3,,1m,2x,false,,,", "ReplyTimeout", "invalid duration \"2x\"")]
    public void Read_BadField_IsLocatedAndTheRowLeftOut(string file, string row, string column, string message)
    {
        var result = TestPlans.ReadTexts((file, "#header\n" + row + "\n"));

        Assert.Equal(new TariffPlanError(file, 2, column, message), TestPlans.SingleError(result));
        Assert.Empty(result.Plan.DispatcherProfiles);
        Assert.Empty(result.Plan.DispatcherHosts);
    }

    [Theory]
    [InlineData("cgrates.org,D1,*any,FLTR_1;FLTR_X,,*weight,,H1,,10,false,,10", "FilterIDs")]
    [InlineData("cgrates.org,D1,*any,,,*weight,,H1,FLTR_X,10,false,,10", "ConnFilterIDs")]
    public void DispatcherProfiles_UnknownFilter_IsAnError(string row, string column)
    {
        var result = TestPlans.ReadTexts(s_filters, ("DispatcherProfiles.csv", "#h\n" + row + "\n"));

        Assert.Equal(
            new TariffPlanError("DispatcherProfiles.csv", 2, column, "unknown Filter \"FLTR_X\" in tenant cgrates.org"),
            TestPlans.SingleError(result));
    }

    [Fact]
    public void DispatcherProfiles_BadInlineConnFilter_IsAnError()
    {
        var result = TestPlans.ReadTexts(("DispatcherProfiles.csv", "cgrates.org,D1,*any,,,*weight,,H1,*nope:~*req.X:1,10,false,,10\n"));

        var error = TestPlans.SingleError(result);
        Assert.Equal(("DispatcherProfiles.csv", 1, "ConnFilterIDs"), (error.File, error.Line, error.Column));
        Assert.Empty(result.Plan.DispatcherProfiles);
    }

    [Fact]
    public void IdOf_DispatcherFiles_IsTenantAndId()
    {
        Assert.Equal("cgrates.org:D1", PlanCsv.IdOf("DispatcherProfiles.csv", ["cgrates.org", "D1", "", "", "", "", "", "", "", "", "", "", ""]));
        Assert.Equal("cgrates.org:H1", PlanCsv.IdOf("DispatcherHosts.csv", ["cgrates.org", "H1", "", "", "", "", "", "", "", "", "", "", ""]));
    }
}
