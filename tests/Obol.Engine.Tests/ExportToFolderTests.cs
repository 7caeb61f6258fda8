using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>APIerSv1.ExportToFolder: the profiles in force written back as plan CSV files that load into the same
/// profiles.</summary>
public sealed class ExportToFolderTests : IDisposable
{
    private static readonly (string Ids, string Get)[] s_kinds =
    [
        ("APIerSv1.GetFilterIDs", "APIerSv1.GetFilter"),
        ("APIerSv1.GetAttributeProfileIDs", "APIerSv1.GetAttributeProfile"),
        ("APIerSv1.GetChargerProfileIDs", "APIerSv1.GetChargerProfile"),
        ("APIerSv1.GetResourceProfileIDs", "APIerSv1.GetResourceProfile"),
        ("APIerSv1.GetStatQueueProfileIDs", "APIerSv1.GetStatQueueProfile"),
        ("APIerSv1.GetRouteProfileIDs", "APIerSv1.GetRouteProfile"),
        ("APIerSv1.GetThresholdProfileIDs", "APIerSv1.GetThresholdProfile"),
        ("APIerSv1.GetDispatcherProfileIDs", "APIerSv1.GetDispatcherProfile"),
        ("APIerSv1.GetDispatcherHostIDs", "APIerSv1.GetDispatcherHost"),
        ("APIerSv1.GetTrendProfileIDs", "APIerSv1.GetTrendProfile"),
        ("APIerSv1.GetRankingProfileIDs", "APIerSv1.GetRankingProfile"),
        ("APIerSv1.GetIPProfileIDs", "APIerSv1.GetIPProfile"),
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"obol-export-{Guid.NewGuid():N}");

    [Fact]
    public async Task ExportToFolder_TutorialAndApiProfiles_RemovedAndLoadedBackFromTheFilesTheyAreTheSame()
    {
        await using var engine = await SessionEngine.StartAsync();
        // What the tutorial's rows leave empty: activation bounds, durations, a metric's own filters, a threshold without
        // actions and a route profile without routes (rows CGRateS's export drops). Their lists are set empty rather than
        // left out, as a loaded profile's are: null and empty both write an empty column.
        await engine.CallAsync("APIerSv1.SetThresholdProfile", """
            {"Tenant":"cgrates.org","ID":"THD_EXPORT","FilterIDs":["*string:~*req.Account:1009"],
             "ActivationInterval":{"ActivationTime":"2026-01-02T03:04:05Z","ExpiryTime":"2030-01-01T00:00:00Z"},
             "MaxHits":-1,"MinHits":2,"MinSleep":90000000000,"Weight":15,"Async":true,
             "ActionIDs":[],"EeIDs":[]}
            """);
        await engine.CallAsync("APIerSv1.SetStatQueueProfile", """
            {"Tenant":"cgrates.org","ID":"STS_EXPORT","FilterIDs":["*string:~*req.Account:1009"],"QueueLength":50,
             "TTL":3600000000000,"MinItems":3,"Stored":true,"Weight":5,
             "ThresholdIDs":[],
             "Metrics":[{"MetricID":"*tcc","FilterIDs":[]},{"MetricID":"*acd","FilterIDs":["*gt:~*req.Usage:10s"]}]}
            """);
        await engine.CallAsync("APIerSv1.SetResourceProfile", """
            {"Tenant":"cgrates.org","ID":"RES_EXPORT","FilterIDs":["*string:~*req.Account:1009"],"UsageTTL":60000000000,
             "Limit":2.5,"AllocationMessage":"ok","Stored":true,"Weight":20,"ThresholdIDs":[],
             "ActivationInterval":{"ActivationTime":"2026-03-04T00:00:00Z"}}
            """);
        await engine.CallAsync("APIerSv1.SetRouteProfile", """
            {"Tenant":"cgrates.org","ID":"ROUTE_EXPORT","FilterIDs":["*string:~*req.Account:1009"],"Sorting":"*weight","Weight":7,
             "SortingParameters":[],"Routes":[]}
            """);
        // A named parameter's value is text in a CSV column, so it is set as text here to read back the same.
        await engine.CallAsync("APIerSv1.SetDispatcherProfile", """
            {"Tenant":"cgrates.org","ID":"DSP_EXPORT","Subsystems":["*sessions","*cdrs"],"FilterIDs":["*string:~*req.Account:1009"],
             "ActivationInterval":{"ActivationTime":"2026-01-02T03:04:05Z"},"Strategy":"*round_robin","StrategyParams":{},"Weight":12,
             "Hosts":[{"ID":"B1","FilterIDs":["*prefix:~*req.Destination:10"],"Weight":20,"Params":{"*ratio":"2"},"Blocker":true},
                      {"ID":"B2","FilterIDs":[],"Weight":10,"Params":{},"Blocker":false}]}
            """);
        await engine.CallAsync("APIerSv1.SetDispatcherHost", """
            {"Tenant":"cgrates.org","ID":"B1","Address":"10.0.0.1:2012","Transport":"*json","ConnectAttempts":2,"Reconnects":3,
             "MaxReconnectInterval":5000000000,"ConnectTimeout":1000000000,"ReplyTimeout":2000000000,"TLS":true,
             "ClientKey":"/k","ClientCertificate":"/c","CaCertificate":"/ca"}
            """);
        await engine.CallAsync("APIerSv1.SetDispatcherHost", """{"Tenant":"cgrates.org","ID":"B2","Address":"*internal","Transport":"*json"}""");
        await engine.CallAsync("APIerSv1.SetTrendProfile", """
            {"Tenant":"cgrates.org","ID":"TR_EXPORT","Schedule":"*/5 * * * *","StatID":"Stats2","Metrics":["*tcc","*tcd"],"TTL":-1,
             "QueueLength":30,"MinItems":2,"CorrelationType":"*average","Tolerance":2.5,"Stored":true,"ThresholdIDs":["THD_ACNT_1001"]}
            """);
        await engine.CallAsync("APIerSv1.SetRankingProfile", """
            {"Tenant":"cgrates.org","ID":"RNK_EXPORT","Schedule":"@every 15m","StatIDs":["Stats2","Stats2_1"],"MetricIDs":["*tcc"],
             "Sorting":"*desc","SortingParameters":["*tcc","*tcd:false"],"Stored":true,"ThresholdIDs":["*none"]}
            """);
        await engine.CallAsync("APIerSv1.SetIPProfile", """
            {"Tenant":"cgrates.org","ID":"IPS_EXPORT","FilterIDs":["*string:~*req.Account:1009"],"Weight":8,"TTL":3600000000000,"Stored":true,
             "ActivationInterval":{"ActivationTime":"2026-01-02T03:04:05Z"},
             "Pools":[{"ID":"P1","FilterIDs":["*prefix:~*req.Destination:49"],"Type":"*ipv4","Range":"10.1.0.0/24","Strategy":"*random",
                       "Message":"one","Weight":20,"Blocker":true},
                      {"ID":"P2","FilterIDs":[],"Type":"","Range":"2001:db8::/120","Strategy":"","Message":"","Weight":0,"Blocker":false}]}
            """);
        var before = await ProfilesAsync(engine);

        var exported = await engine.CallAsync("APIerSv1.ExportToFolder", JsonSerializer.Serialize(new { Path = _root }));
        await engine.CallAsync("APIerSv1.RemoveTPFromFolder", JsonSerializer.Serialize(new { FolderPath = _root }));
        var afterRemoval = await ProfilesAsync(engine);
        await engine.CallAsync("APIerSv1.LoadTariffPlanFromFolder", JsonSerializer.Serialize(new { FolderPath = _root }));
        var reloaded = await ProfilesAsync(engine);

        Assert.Equal("OK", exported.GetString());
        Assert.Equal(["Attributes.csv", "Chargers.csv", "DispatcherHosts.csv", "DispatcherProfiles.csv", "Filters.csv", "IPs.csv", "Rankings.csv", "Resources.csv",
                "Routes.csv", "Stats.csv", "Thresholds.csv", "Trends.csv"],
            Directory.GetFiles(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("APIerSv1.GetThresholdProfile/cgrates.org:THD_EXPORT", before.Keys);
        Assert.Contains("APIerSv1.GetDispatcherHost/cgrates.org:B1", before.Keys);
        Assert.Contains("APIerSv1.GetRankingProfile/cgrates.org:RNK_EXPORT", before.Keys);
        Assert.Contains("APIerSv1.GetIPProfile/cgrates.org:IPS_EXPORT", before.Keys);
        Assert.Empty(afterRemoval);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), reloaded.Keys.Order(StringComparer.Ordinal));
        var changed = string.Join("\n", before.Where(p => reloaded[p.Key] != p.Value).Select(p => $"{p.Value}\n  reloaded as\n{reloaded[p.Key]}"));
        Assert.True(changed.Length == 0, changed);
    }

    [Fact]
    public async Task ExportToFolder_OneItemIntoANewFolder_WritesOnlyItsFileWithTheTutorialRows()
    {
        await using var engine = await SessionEngine.StartAsync();
        var folder = Path.Combine(_root, "new", "filters");

        await engine.CallAsync("APIerSv1.ExportToFolder", JsonSerializer.Serialize(new { Path = folder, Items = new[] { "*filters", "*dispatchers" } }));

        Assert.Equal(["Filters.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        var lines = File.ReadAllLines(Path.Combine(folder, "Filters.csv"));
        Assert.Equal("#Tenant,ID,Type,Element,Values,ActivationInterval", lines[0]);
        Assert.Contains("cgrates.org,FLTR_ACNT_1001,*string,~*req.Account,1001,2014-07-29T15:00:00Z", lines);
    }

    [Fact]
    public async Task ExportToFolder_NoPath_AnswersMandatoryFieldMissing()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("APIerSv1.ExportToFolder", """{"Items":["*filters"]}"""u8.ToArray());

        Assert.Equal("MANDATORY_IE_MISSING: [Path]", reply.Error);
    }

    /// <summary>Every profile of every kind as the API answers it, by kind and tenant:ID.</summary>
    private static async Task<Dictionary<string, string>> ProfilesAsync(SessionEngine engine)
    {
        var profiles = new Dictionary<string, string>();
        foreach (var (idsMethod, getMethod) in s_kinds)
        {
            var ids = await engine.Api.CallRawAsync(idsMethod, """{"Tenant":"cgrates.org"}"""u8.ToArray());
            if (ids.Error is not null)
            {
                Assert.Equal("NOT_FOUND", ids.Error);
                continue;
            }
            foreach (var id in JsonDocument.Parse(ids.Result).RootElement.EnumerateArray().Select(e => e.GetString()!))
            {
                var profile = await engine.CallAsync(getMethod, JsonSerializer.Serialize(new { Tenant = "cgrates.org", ID = id }));
                profiles[$"{getMethod}/cgrates.org:{id}"] = profile.GetRawText();
            }
        }
        return profiles;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
