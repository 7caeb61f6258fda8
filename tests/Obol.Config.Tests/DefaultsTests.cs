using Obol.Primitives;
using Xunit;

namespace Obol.Config.Tests;

public sealed class DefaultsTests
{
    [Fact]
    public void LoadText_EmptyObject_DefaultsOfEverySection()
    {
        var result = ConfigLoader.LoadText("{}");
        var config = result.Config;

        Assert.Empty(result.Diagnostics);
        Assert.Equal("*syslog", config.General.Logger);
        Assert.Equal(6, config.General.LogLevel);
        Assert.Equal(5, config.General.RoundingDecimals);
        Assert.Equal("*rated", config.General.DefaultRequestType);
        Assert.Equal("cgrates.org", config.General.DefaultTenant);
        Assert.Equal(Usage.FromHours(3), config.General.MaxCallDuration);
        Assert.Equal(Usage.FromSeconds(2), config.General.ReplyTimeout);
        Assert.Equal("127.0.0.1:2012", config.Listen.RpcJson);
        Assert.Equal("*internal", config.DataDb.DbType);
        Assert.Equal("/var/lib/obol/internal_db/datadb", config.DataDb.Internal.DumpPath);
        Assert.Equal(Usage.FromHours(72), config.Rals.MaxComputedUsage["*voice"]);
        Assert.Equal(new Usage(107374182400), config.Rals.MaxComputedUsage["*data"]);
        Assert.Equal("*zero1s", config.Rals.BalanceRatingSubject["*voice"]);
        Assert.Equal(1000000, config.Rals.MaxIncrements);
        Assert.True(config.Rals.RemoveExpired);
        Assert.True(config.Cdrs.StoreCdrs);
        Assert.Equal(2.0m, config.Sessions.ClientProtocol);
        Assert.Equal(Usage.FromHours(3), config.Sessions.DefaultUsage["*voice"]);
        Assert.Null(config.Sessions.MinDurLowBalance);
        Assert.True(config.FreeswitchAgent.SubscribePark);
        Assert.Equal(Usage.FromSeconds(2), config.FreeswitchAgent.MaxWaitConnection);
        Assert.Equal("127.0.0.1:8021", Assert.Single(config.FreeswitchAgent.EventSocketConns).Address);
        Assert.Equal(["*localhost"], config.Loader.CachesConns);
        Assert.Equal("./", config.Loader.DataPath);
        Assert.Equal(["*internal"], config.Apiers.CachesConns);
        Assert.Equal(Usage.FromMinutes(10), config.Caches.Partitions["*cdr_ids"].Ttl);
        Assert.Equal(0, config.Caches.Partitions["*rpc_responses"].Limit);
        Assert.Equal(1, config.Attributes.ProcessRuns);
        Assert.Equal("*routes", config.Routes.Context);
        Assert.Equal("*none", Assert.Single(config.Ees.Exporters).Type);
    }

    [Fact]
    public void Load_NullPath_DefaultsOnly()
    {
        var result = ConfigLoader.Load(null);

        Assert.True(result.Succeeded);
        Assert.Equal("*syslog", result.Config.General.Logger);
    }

    [Fact]
    public void DefaultsText_HasComments()
    {
        Assert.Contains("//", ConfigLoader.DefaultsText(), StringComparison.Ordinal);
    }

    [Fact]
    public void SectionJson_Sessions_MergedWithCgratesKeyNames()
    {
        var config = ConfigLoader.LoadText("""{"sessions": {"debit_interval": "5s"}}""").Config;

        var json = config.SectionJson("sessions")!;

        Assert.Equal("5s", json["debit_interval"]!.GetValue<string>());
        Assert.Equal(5, json["terminate_attempts"]!.GetValue<int>());
        Assert.Null(config.SectionJson("no_such_section"));
    }

    [Fact]
    public void SectionJson_ReturnedObject_DoesNotChangeConfig()
    {
        var config = ObolConfig.Default;

        config.SectionJson("general")!["node_id"] = "changed";

        Assert.Equal("", config.SectionJson("general")!["node_id"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_Defaults_ParsesBack()
    {
        var text = ObolConfig.Default.ToJson();

        Assert.Empty(ConfigLoader.LoadText(text).Diagnostics);
    }
}
