using Obol.Primitives;
using Xunit;

namespace Obol.Config.Tests;

public sealed class TutorialConfigTests
{
    private static ConfigLoadResult LoadTutorial(string tutorial) =>
        ConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "configs", tutorial, "cgrates.json"));

    [Theory]
    [InlineData("fs_evsock")]
    [InlineData("kamevapi")]
    [InlineData("asterisk_ari")]
    public void Load_Tutorial_NoDiagnostics(string tutorial)
    {
        var result = LoadTutorial(tutorial);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Load_Osips_OnlyWarningIsRalsAttributesConns()
    {
        var result = LoadTutorial("osips");

        // No CGRateS release has rals.attributes_conns: CGRateS drops it silently, Obol says so.
        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        Assert.Equal("rals.attributes_conns", warning.JsonPath);
        Assert.EndsWith(Path.Combine("osips", "cgrates.json"), warning.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FsEvsock_FreeswitchAgentAndSessions()
    {
        var config = LoadTutorial("fs_evsock").Config;

        Assert.Equal("CGRFreeswitch", config.General.NodeId);
        Assert.Equal(7, config.General.LogLevel);
        Assert.Equal(":2012", config.Listen.RpcJson);
        Assert.True(config.FreeswitchAgent.Enabled);
        Assert.True(config.FreeswitchAgent.CreateCdr);
        Assert.Equal(["*birpc_internal"], config.FreeswitchAgent.SessionsConns);
        var conn = Assert.Single(config.FreeswitchAgent.EventSocketConns);
        Assert.Equal("127.0.0.1:8021", conn.Address);
        Assert.Equal("ClueCon", conn.Password);
        Assert.Equal(-1, conn.Reconnects);
        Assert.Equal(Usage.FromMinutes(1), conn.ReplyTimeout); // not in the file: inherited from the default connection
        Assert.Equal(Usage.FromSeconds(5), config.Sessions.DebitInterval);
        Assert.Equal(Usage.FromSeconds(7), config.Sessions.ChannelSyncInterval);
        Assert.Equal(["*internal"], config.Sessions.ChargersConns);
        Assert.Equal(5, config.Cdrs.SessionCostRetries);
        Assert.Equal(["*req.Account", "*req.RunID", "*req.Destination"], config.Stats.Indexing.StringIndexedFields);
        Assert.Null(config.Chargers.Indexing.StringIndexedFields);
    }

    [Fact]
    public void Load_FsEvsock_TutorialExporterAfterDefault()
    {
        var ees = LoadTutorial("fs_evsock").Config.Ees;

        Assert.True(ees.Enabled);
        Assert.Equal(["*default", "tutorial_export"], ees.Exporters.Select(e => e.Id));
        var exporter = ees.Exporter("tutorial_export")!;
        Assert.Equal("*file_csv", exporter.Type);
        Assert.Equal("/tmp/", exporter.ExportPath);
        Assert.Equal("UTC", exporter.Timezone);
        Assert.True(exporter.Synchronous);
        Assert.Equal(1, exporter.Attempts);
        Assert.Equal(",", exporter.FieldSeparator);
        Assert.Equal("/var/spool/cgrates/failed_posts", exporter.FailedPostsDir); // from *default
        Assert.Equal(14, exporter.Fields.Count);
        Assert.Equal(new FieldTemplate { Tag = "CGRID", Path = "*exp.CGRID", Type = "*variable", Value = "~*req.CGRID" }, exporter.Fields[0]);
        Assert.Equal("~*req.Cost{*round:4}", exporter.Fields[^1].Value);
    }

    [Fact]
    public void Load_Kamevapi_KamailioAgent()
    {
        var config = LoadTutorial("kamevapi").Config;

        Assert.Equal("CGRKamailio", config.General.NodeId);
        Assert.Equal(Usage.FromSeconds(5), config.General.ReplyTimeout);
        Assert.True(config.KamailioAgent.Enabled);
        Assert.True(config.KamailioAgent.CreateCdr);
        var conn = Assert.Single(config.KamailioAgent.EvapiConns);
        Assert.Equal("127.0.0.1:8448", conn.Address);
        Assert.Equal(5, conn.Reconnects);
        Assert.Equal(Usage.FromMinutes(5), config.Sessions.ChannelSyncInterval);
        Assert.Equal(["*localhost"], config.Sessions.ChargersConns);
        Assert.False(config.FreeswitchAgent.Enabled);
    }

    [Fact]
    public void Load_Osips_BiRpcAndClientProtocol()
    {
        var config = LoadTutorial("osips").Config;

        Assert.Equal("127.0.0.1:2014", config.Listen.BiRpcJson);
        Assert.Equal(1.0m, config.Sessions.ClientProtocol);
        Assert.Equal(Usage.FromSeconds(10), config.Sessions.DebitInterval);
        Assert.Equal(Usage.FromSeconds(30), config.Sessions.ChannelSyncInterval);
        Assert.Empty(config.Cdrs.RalsConns);
        Assert.Equal(["*req.Destination"], config.Routes.Indexing.PrefixIndexedFields);
        Assert.Equal(["*localhost"], config.Resources.ThresholdsConns);
        Assert.Equal("", config.General.NodeId);
        Assert.Equal("127.0.0.1:2012", config.RpcConns["*localhost"].Conns[0].Address);
    }

    [Fact]
    public void Load_AsteriskAri_RawAgentSectionKept()
    {
        var config = LoadTutorial("asterisk_ari").Config;

        var section = config.SectionJson("asterisk_agent");
        Assert.NotNull(section);
        Assert.Equal("127.0.0.1:8088", section["asterisk_conns"]![0]!["address"]!.GetValue<string>());
        Assert.Equal("CGRAsterisk", config.General.NodeId);
    }
}
