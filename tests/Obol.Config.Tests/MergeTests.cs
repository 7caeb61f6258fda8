using Obol.Primitives;
using Xunit;

namespace Obol.Config.Tests;

public sealed class MergeTests
{
    [Fact]
    public void LoadText_CommentsAndTrailingCommas_Accepted()
    {
        var result = ConfigLoader.LoadText("""
            // line comment
            {
                /* block
                   comment */
                "general": {"node_id": "a", /* inline */ "log_level": 3,}, // after
                "rals": {"enabled": true,},
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("a", result.Config.General.NodeId);
        Assert.Equal(3, result.Config.General.LogLevel);
        Assert.True(result.Config.Rals.Enabled);
    }

    [Fact]
    public void Load_Folder_FilesMergeInOrdinalNameOrderThenSubfolders()
    {
        using var folder = new TempFolder();
        folder.Write("b.json", """{"general": {"node_id": "from_b", "log_level": 2}}""");
        folder.Write("a.json", """{"general": {"node_id": "from_a", "default_tenant": "a.org"}}""");
        folder.Write("B.json", """{"general": {"default_category": "sms"}}""");
        folder.Write("notes.txt", "not json");
        folder.Write("sub/c.json", """{"general": {"log_level": 4}}""");
        folder.Write(".hidden/d.json", """{"general": {"log_level": 1}}""");

        var result = ConfigLoader.Load(folder.Path);

        Assert.Empty(result.Diagnostics);
        var general = result.Config.General;
        Assert.Equal("from_b", general.NodeId);          // b.json after a.json
        Assert.Equal("a.org", general.DefaultTenant);     // a.json's other keys stay
        Assert.Equal("sms", general.DefaultCategory);     // B.json sorts before a.json and b.json
        Assert.Equal(4, general.LogLevel);                // sub/ after the folder's own files; .hidden skipped
        Assert.Equal("*syslog", general.Logger);          // untouched default
    }

    [Fact]
    public void Load_EmptyFolder_Error()
    {
        using var folder = new TempFolder();

        var result = ConfigLoader.Load(folder.Path);

        Assert.False(result.Succeeded);
        Assert.Equal(folder.Path, Assert.Single(result.Errors).File);
    }

    [Fact]
    public void Load_MissingPath_Error()
    {
        var result = ConfigLoader.Load("/no/such/obol/config");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Error, error.Severity);
        Assert.Equal("/no/such/obol/config", error.File);
    }

    [Fact]
    public void LoadTexts_Arrays_ReplacedNotAppended()
    {
        var result = ConfigLoader.LoadTexts(
        [
            ("1.json", """{"sessions": {"rals_conns": ["*internal", "*localhost"]}}"""),
            ("2.json", """{"sessions": {"rals_conns": ["conn1"]}, "rpc_conns": {"conn1": {"conns": [{"address": "10.0.0.1:2012"}]}}}"""),
        ]);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["conn1"], result.Config.Sessions.RalsConns);
        var conn = Assert.Single(result.Config.RpcConns["conn1"].Conns);
        Assert.Equal("10.0.0.1:2012", conn.Address);
        Assert.Equal("*json", conn.Transport); // CGRateS: a new connection starts from *localhost's
        Assert.Equal("*first", result.Config.RpcConns["conn1"].Strategy);
        Assert.True(result.Config.IsKnownConn("conn1"));
        Assert.True(result.Config.IsKnownConn("*birpc_internal"));
        Assert.False(result.Config.IsKnownConn("conn2"));
    }

    [Fact]
    public void LoadTexts_Exporters_MergeById()
    {
        var result = ConfigLoader.LoadTexts(
        [
            ("1.json", """{"ees": {"exporters": [{"id": "x", "type": "*file_csv", "export_path": "/a"}, {"id": "y", "type": "*file_fwv"}]}}"""),
            ("2.json", """{"ees": {"exporters": [{"id": "x", "export_path": "/b"}, {"id": "z", "type": "*http_post"}]}}"""),
        ]);

        Assert.Empty(result.Diagnostics);
        var exporters = result.Config.Ees.Exporters;
        Assert.Equal(["*default", "x", "y", "z"], exporters.Select(e => e.Id));
        Assert.Equal("*file_csv", exporters[1].Type);
        Assert.Equal("/b", exporters[1].ExportPath);
        Assert.Equal("/var/spool/cgrates/ees", exporters[3].ExportPath);
    }

    [Fact]
    public void LoadText_EventSocketConns_ReplacedAndInheritDefaults()
    {
        var result = ConfigLoader.LoadText("""
            {"freeswitch_agent": {"event_socket_conns": [{"address": "10.0.0.1:8021"}, {"address": "10.0.0.2:8021", "password": "x"}]}}
            """);

        Assert.Empty(result.Diagnostics);
        var conns = result.Config.FreeswitchAgent.EventSocketConns;
        Assert.Equal(2, conns.Count);
        Assert.Equal("ClueCon", conns[0].Password);
        Assert.Equal(5, conns[0].Reconnects);
        Assert.Equal("x", conns[1].Password);
    }

    [Fact]
    public void LoadText_MapsMergeKeyByKey()
    {
        var config = ConfigLoader.LoadText("""
            {"rals": {"max_computed_usage": {"*voice": "1h"}}, "caches": {"partitions": {"*cdr_ids": {"ttl": "1h"}, "*custom": {"limit": 10}}}}
            """).Config;

        Assert.Equal(Usage.FromHours(1), config.Rals.MaxComputedUsage["*voice"]);
        Assert.Equal(Usage.FromHours(189), config.Rals.MaxComputedUsage["*any"]);
        Assert.Equal(Usage.FromHours(1), config.Caches.Partitions["*cdr_ids"].Ttl);
        Assert.Equal(-1, config.Caches.Partitions["*cdr_ids"].Limit);
        Assert.Equal(10, config.Caches.Partitions["*custom"].Limit);
    }

    [Fact]
    public void LoadText_NullValue_KeepsDefault()
    {
        var config = ConfigLoader.LoadText("""{"general": {"logger": null}}""").Config;

        Assert.Equal("*syslog", config.General.Logger);
    }

    [Fact]
    public void LoadText_Suppliers_ReadIntoRoutes()
    {
        var result = ConfigLoader.LoadText("""{"suppliers": {"enabled": true, "stats_conns": ["*internal"]}}""");

        Assert.Empty(result.Diagnostics);
        Assert.True(result.Config.Routes.Enabled);
        Assert.Equal(["*internal"], result.Config.Routes.StatsConns);
        Assert.True(result.Config.SectionJson("suppliers")!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void LoadText_LegacyListenBijson_MovedToListen()
    {
        var result = ConfigLoader.LoadText("""{"sessions": {"listen_bijson": "127.0.0.1:3014"}}""");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("127.0.0.1:3014", result.Config.Listen.BiRpcJson);
    }

    [Fact]
    public void LoadText_DbTypeWithoutStarAndDynamicPort_Normalised()
    {
        var config = ConfigLoader.LoadText("""{"data_db": {"db_type": "redis", "db_port": -1}, "stor_db": {"db_type": "*postgres", "db_port": -1}}""").Config;

        Assert.Equal("*redis", config.DataDb.DbType);
        Assert.Equal(6379, config.DataDb.DbPort);
        Assert.Equal(5432, config.StorDb.DbPort);
    }

    [Fact]
    public void LoadText_EnvReference_Substituted()
    {
        var env = new Dictionary<string, string> { ["OBOL_PW"] = "se\"cret", ["OBOL_PORT"] = "6380" };

        var result = ConfigLoader.LoadText("""
            {"data_db": {"db_password": "*env:OBOL_PW", "db_port": *env:OBOL_PORT, "db_host": "h-*env:OBOL_PORT"}} // *env:IN_COMMENT
            """, env.GetValueOrDefault);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("se\"cret", result.Config.DataDb.DbPassword);
        Assert.Equal(6380, result.Config.DataDb.DbPort);
        Assert.Equal("h-6380", result.Config.DataDb.DbHost);
    }

    [Fact]
    public void LoadText_EnvReferenceUnset_ErrorWithPosition()
    {
        var result = ConfigLoader.LoadText("{\n  \"general\": {\"node_id\": \"*env:OBOL_UNSET\"}\n}", _ => null);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Error, error.Severity);
        Assert.Contains("OBOL_UNSET", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        Assert.Equal(27, error.Column);
    }
}
