using Xunit;

namespace Obol.Config.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void LoadText_UnknownKey_WarningWithPathAndFile()
    {
        var result = ConfigLoader.LoadText("""{"sessions": {"debit_intervall": "5s"}}""", source: "my.json");

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        Assert.Equal("sessions.debit_intervall", warning.JsonPath);
        Assert.Equal("my.json", warning.File);
    }

    [Fact]
    public void LoadText_UnknownKeyInArrayElement_WarningWithIndex()
    {
        var result = ConfigLoader.LoadText("""
            {"freeswitch_agent": {"event_socket_conns": [{"address": "1.2.3.4:8021"}, {"adress": "1.2.3.5:8021"}]},
             "ees": {"exporters": [{"id": "e", "fields": [{"tag": "a", "pathh": "*exp.A"}]}]}}
            """);

        Assert.Equal(
            ["freeswitch_agent.event_socket_conns[1].adress", "ees.exporters[0].fields[0].pathh"],
            result.Warnings.Select(w => w.JsonPath));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void LoadText_UnknownSection_Warning()
    {
        var result = ConfigLoader.LoadText("""{"sesions": {}, "diameter_agent": {"enabled": false}}""");

        Assert.Equal("sesions", Assert.Single(result.Diagnostics).JsonPath);
    }

    [Theory]
    [InlineData("""{"sessions": {"debit_interval": "5x"}}""", "sessions.debit_interval")]
    [InlineData("""{"sessions": {"enabled": "yes"}}""", "sessions.enabled")]
    [InlineData("""{"general": {"logger": "*file"}}""", "general.logger")]
    [InlineData("""{"general": {"log_level": 9}}""", "general.log_level")]
    [InlineData("""{"general": {"rounding_decimals": "5"}}""", "general.rounding_decimals")]
    [InlineData("""{"data_db": {"db_port": "6379"}}""", "data_db.db_port")]
    [InlineData("""{"data_db": {"db_type": "*mysql"}}""", "data_db.db_type")]
    [InlineData("""{"listen": {"rpc_json": "127.0.0.1:20x2"}}""", "listen.rpc_json")]
    [InlineData("""{"rals": {"thresholds_conns": "*internal"}}""", "rals.thresholds_conns")]
    [InlineData("""{"rals": {"stats_conns": ["*internal", 3]}}""", "rals.stats_conns[1]")]
    [InlineData("""{"freeswitch_agent": {"event_socket_conns": [{"reconnects": "5"}]}}""", "freeswitch_agent.event_socket_conns[0].reconnects")]
    [InlineData("""{"kamailio_agent": {"evapi_conns": [{"address": "kam:port"}]}}""", "kamailio_agent.evapi_conns[0].address")]
    [InlineData("""{"rals": "on"}""", "rals")]
    public void LoadText_InvalidValue_ErrorNamingPath(string json, string path)
    {
        var result = ConfigLoader.LoadText(json, source: "bad.json");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.JsonPath);
        Assert.Equal("bad.json", error.File);
    }

    [Fact]
    public void LoadTexts_InvalidValueInSecondExporter_PathAsWrittenInFile()
    {
        var result = ConfigLoader.LoadTexts(
        [
            ("1.json", """{"ees": {"exporters": [{"id": "a"}]}}"""),
            ("2.json", """{"ees": {"exporters": [{"id": "b", "attempts": "3"}]}}"""),
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ees.exporters[0].attempts", error.JsonPath);
        Assert.Equal("2.json", error.File);
    }

    [Fact]
    public void LoadText_InvalidValueInReplacedFields_PathAsWrittenInFile()
    {
        var result = ConfigLoader.LoadText("""{"ees": {"exporters": [{"id": "a", "fields": [{"tag": "t", "mandatory": "yes"}]}]}}""", source: "f.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ees.exporters[0].fields[0].mandatory", error.JsonPath);
        Assert.Equal("f.json", error.File);
    }

    [Fact]
    public void LoadText_MalformedJson_ErrorWithLineAndColumn()
    {
        var result = ConfigLoader.LoadText("{\n  \"general\": {\n    \"node_id\" \"x\"\n  }\n}", source: "broken.json");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigSeverity.Error, error.Severity);
        Assert.Equal("broken.json", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(15, error.Column);
        Assert.StartsWith("broken.json:3:15: error:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("*syslog", result.Config.General.Logger);
    }

    [Fact]
    public void LoadText_NotAnObject_Error()
    {
        var result = ConfigLoader.LoadText("[1, 2]");

        Assert.False(result.Succeeded);
    }
}
