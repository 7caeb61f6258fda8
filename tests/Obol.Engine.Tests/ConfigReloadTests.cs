using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>ConfigSv1.SetConfig, SetConfigFromJSON, ReloadConfig and SIGHUP on a running engine: what the services take
/// live changes, the rest is refused by name and nothing changes.</summary>
public sealed class ConfigReloadTests
{
    private const string LogExporter = """{"id": "reloaded", "type": "*log", "fields": [{"tag": "Account", "path": "*exp.Account", "type": "*variable", "value": "~*req.Account"}]}""";

    [Fact]
    public async Task SetConfig_SessionsDebitInterval_NextSessionsDebitAtItAndGetConfigShowsIt()
    {
        await using var engine = await SessionEngine.StartAsync();

        var dryRun = await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"sessions":{"debit_interval":"7s"}},"DryRun":true}""");
        var afterDryRun = await DebitIntervalAsync(engine);
        var set = await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"sessions":{"debit_interval":"7s"}}}""");
        await engine.Switch.InitiateAsync("cr1", "1001", "1002", "*prepaid");

        var runs = (await engine.CallAsync("SessionSv1.GetActiveSessions", "null")).EnumerateArray().ToList();
        Assert.Equal(("OK", "5s", "OK", "7s"), (dryRun.GetString(), afterDryRun, set.GetString(), await DebitIntervalAsync(engine)));
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal(7_000_000_000, r.GetProperty("DebitInterval").GetInt64()));
    }

    [Fact]
    public async Task SetConfig_SessionsWithoutThresholdsConns_ProcessThresholdsPartlyFailsThenWorksAgain()
    {
        await using var engine = await SessionEngine.StartAsync();
        var authorize = $$"""{"GetAttributes":true,"ProcessThresholds":true,{{SimulatedSwitch.Event("cn1", "1002", "1001", "*prepaid")}}}""";

        await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"sessions":{"thresholds_conns":[]}}}""");
        var cut = await engine.Api.CallRawAsync("SessionSv1.AuthorizeEvent", System.Text.Encoding.UTF8.GetBytes(authorize));
        await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"sessions":{"thresholds_conns":["*internal"]}}}""");
        var restored = await engine.CallAsync("SessionSv1.AuthorizeEvent", authorize);

        // As CGRateS, a subsystem that cannot be reached fails only its part of the reply.
        Assert.Equal("PARTIALLY_EXECUTED", cut.Error);
        Assert.Equal(["THD_ACNT_1002"], restored.GetProperty("ThresholdIDs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SetConfig_CdrsStoreCdrsOff_CdrsProcessedButNotStoredUntilTurnedBackOn()
    {
        await using var engine = await SessionEngine.StartAsync();

        await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"cdrs":{"store_cdrs":false}}}""");
        await engine.CallAsync("CDRsV1.ProcessEvent", Cdr("cfg-off"));
        var notStored = await engine.Api.CallRawAsync("CDRsV1.GetCDRs", """{"OriginIDs":["cfg-off"]}"""u8.ToArray());
        await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"cdrs":{"store_cdrs":true}}}""");
        await engine.CallAsync("CDRsV1.ProcessEvent", Cdr("cfg-on"));
        var stored = await engine.CallAsync("CDRsV1.GetCDRs", """{"OriginIDs":["cfg-on"]}""");

        Assert.Equal("SERVER_ERROR: NOT_FOUND", notStored.Error);
        Assert.True(stored.GetArrayLength() > 0);
    }

    [Fact]
    public async Task SetConfig_RoutesLimitOption_NextQueriesAnswerThatManyRoutes()
    {
        await using var engine = await SessionEngine.StartAsync();
        const string query = """{"Tenant":"cgrates.org","ID":"r1","Event":{"Account":"1002","Destination":"1001","SetupTime":"2026-01-05T10:00:00Z","Usage":"1m"}}""";

        var before = await engine.CallAsync("RouteSv1.GetRoutes", query);
        await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"routes":{"opts":{"*limit":1}}}}""");
        var after = await engine.CallAsync("RouteSv1.GetRoutes", query);

        Assert.Equal(2, before[0].GetProperty("Routes").GetArrayLength());
        Assert.Equal(["route1"], after[0].GetProperty("Routes").EnumerateArray().Select(r => r.GetProperty("RouteID").GetString()));
    }

    [Fact]
    public async Task SetConfig_MisspelledKey_AnsweredOkAsCgratesDoesAndNamedInTheLog()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.CallAsync("ConfigSv1.SetConfig", """{"Config":{"sessions":{"debit_intervall":"9s"}}}""");

        Assert.Equal("OK", reply.GetString());
        await engine.Process.WaitForOutputAsync("<ConfigS> ConfigSv1.SetConfig: warning: sessions.debit_intervall");
        Assert.Equal("5s", await DebitIntervalAsync(engine));
    }

    [Fact]
    public async Task SetConfig_ListenAddressWithALiveKey_RefusedNamingTheStartOnlyKeyAndNothingChanges()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("ConfigSv1.SetConfig",
            """{"Config":{"listen":{"rpc_json":"127.0.0.1:2099"},"sessions":{"debit_interval":"9s","enabled":false}}}"""u8.ToArray());

        Assert.Equal("SERVER_ERROR: these settings take effect only when the engine starts, restart it to change them: listen.rpc_json, sessions.enabled",
            reply.Error);
        Assert.Equal("5s", await DebitIntervalAsync(engine));
    }

    [Fact]
    public async Task SetConfigFromJSON_BadDuration_AnswersTheLoadersErrorNamingTheKey()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("ConfigSv1.SetConfigFromJSON",
            JsonSerializer.SerializeToUtf8Bytes(new { Config = """{"sessions":{"debit_interval":"soon"}}""" }));

        Assert.NotNull(reply.Error);
        Assert.Contains("sessions.debit_interval", reply.Error, StringComparison.Ordinal);
        Assert.Equal("5s", await DebitIntervalAsync(engine));
    }

    [Fact]
    public async Task SetConfig_ExporterOfUnknownType_RefusedByEeSAndTheOldExportersStay()
    {
        await using var engine = await SessionEngine.StartAsync();

        var reply = await engine.Api.CallRawAsync("ConfigSv1.SetConfig",
            """{"Config":{"ees":{"exporters":[{"id":"bad","type":"*carrier_pigeon"}]}}}"""u8.ToArray());
        var exporters = await engine.CallAsync("ConfigSv1.GetConfig", """{"Section":"ees"}""");

        Assert.StartsWith("SERVER_ERROR: ees: ", reply.Error);
        Assert.Contains("*carrier_pigeon", reply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("*carrier_pigeon", exporters.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadConfig_FileGainsAnExporter_EeSExportsThroughItAndOtherSectionsStay()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => c);
        var configDir = engine.DataDir + "-config";
        var before = await engine.Api.CallRawAsync("EeSv1.ProcessEvent", Event());
        await AddExporterAsync(configDir);

        var invalid = await engine.Api.CallRawAsync("ConfigSv1.ReloadConfig", JsonSerializer.SerializeToUtf8Bytes(new { Path = configDir, Section = "nope" }));
        var missing = await engine.Api.CallRawAsync("ConfigSv1.ReloadConfig", "{}"u8.ToArray());
        var reloaded = await engine.CallAsync("ConfigSv1.ReloadConfig", JsonSerializer.Serialize(new { Path = configDir, Section = "ees" }));
        var after = await engine.CallAsync("EeSv1.ProcessEvent", System.Text.Encoding.UTF8.GetString(Event()));

        Assert.Equal(("NOT_FOUND", "Invalid section: <nope>", "MANDATORY_IE_MISSING: [Path]", "OK"),
            (before.Error, invalid.Error, missing.Error, reloaded.GetString()));
        Assert.True(after.TryGetProperty("reloaded", out _), after.GetRawText());
    }

    [Fact]
    public async Task Sighup_FileGainsAnExporter_EngineKeepsRunningWithIt()
    {
        await using var engine = await SessionEngine.StartAsync(configure: c => c);
        await AddExporterAsync(engine.DataDir + "-config");

        engine.Process.Signal("HUP");
        await engine.Process.WaitForOutputAsync("SIGHUP: configuration reloaded");

        var after = await engine.CallAsync("EeSv1.ProcessEvent", System.Text.Encoding.UTF8.GetString(Event()));
        Assert.True(after.TryGetProperty("reloaded", out _), after.GetRawText());
    }

    private static string Cdr(string originId) => $$$"""
        {"Tenant":"cgrates.org","ID":"{{{originId}}}","Event":{"OriginID":"{{{originId}}}","OriginHost":"10.0.0.1","RequestType":"*rated",
         "Account":"1001","Subject":"1001","Destination":"1002","Category":"call","ToR":"*voice",
         "SetupTime":"2026-01-05T10:00:00Z","AnswerTime":"2026-01-05T10:00:05Z","Usage":"30s"}}
        """;

    private static byte[] Event() =>
        """{"EeIDs":["reloaded"],"Tenant":"cgrates.org","ID":"e1","Event":{"Account":"1001"}}"""u8.ToArray();

    private static async Task AddExporterAsync(string configDir)
    {
        var file = Path.Combine(configDir, "cgrates.json");
        var text = await File.ReadAllTextAsync(file);
        // The tutorial's file has comments; the exporter goes in front of its first one.
        var at = text.IndexOf("\"exporters\": [", StringComparison.Ordinal) + "\"exporters\": [".Length;
        await File.WriteAllTextAsync(file, text[..at] + LogExporter + "," + text[at..]);
    }

    private static async Task<string?> DebitIntervalAsync(SessionEngine engine) =>
        JsonNode.Parse((await engine.CallAsync("ConfigSv1.GetConfig", """{"Section":"sessions"}""")).GetRawText())!["sessions"]!["debit_interval"]!
            .GetValue<string>();
}
