using Obol.Primitives;
using Xunit;

namespace Obol.Config.Tests;

public sealed class ErsConfigTests
{
    private static readonly FieldTemplate s_defaultToR =
        new() { Tag = "ToR", Path = "*cgreq.ToR", Type = "*variable", Value = "~*req.2", Mandatory = true };

    private static readonly FieldTemplate s_defaultUsage =
        new() { Tag = "Usage", Path = "*cgreq.Usage", Type = "*variable", Value = "~*req.13", Mandatory = true };

    [Fact]
    public void LoadText_EmptyObject_OneDefaultReaderWithCgratesFields()
    {
        var result = ConfigLoader.LoadText("{}");
        var ers = result.Config.Ers;

        Assert.Empty(result.Diagnostics);
        Assert.False(ers.Enabled);
        Assert.Equal(["*internal"], ers.SessionsConns);
        Assert.Empty(ers.EesConns);
        Assert.Empty(ers.StatsConns);
        Assert.Empty(ers.ThresholdsConns);
        Assert.Equal(1, ers.ConcurrentEvents);
        Assert.Equal(Usage.FromSeconds(1), ers.PartialCacheTtl);
        var reader = Assert.Single(ers.Readers);
        Assert.Equal("*default", reader.Id);
        Assert.Equal("*none", reader.Type);
        Assert.Equal(Usage.Zero, reader.RunDelay);
        Assert.Equal(Usage.Zero, reader.StartDelay);
        Assert.Equal(1024, reader.ConcurrentRequests);
        Assert.Equal("/var/spool/cgrates/ers/in", reader.SourcePath);
        Assert.Equal("/var/spool/cgrates/ers/out", reader.ProcessedPath);
        Assert.Equal("", reader.Tenant);
        Assert.Equal("", reader.Timezone);
        Assert.Empty(reader.Filters);
        Assert.Empty(reader.Flags);
        Assert.Equal(0, reader.CsvRowLength);
        Assert.Equal(",", reader.CsvFieldSeparator);
        Assert.Equal(":", reader.CsvHeaderDefineChar);
        Assert.False(reader.CsvLazyQuotes);
        Assert.False(reader.IgnoreErroredItems);
        Assert.Equal(-1, reader.Reconnects);
        Assert.Equal(Usage.FromSeconds(300), reader.MaxReconnectInterval);
        Assert.Equal("*none", reader.Opts["partialCacheAction"].GetString());
        Assert.Equal("~*req.AnswerTime", reader.Opts["partialOrderField"].GetString());
        Assert.Equal(
            ["ToR", "OriginID", "RequestType", "Tenant", "Category", "Account", "Subject", "Destination", "SetupTime", "AnswerTime", "Usage"],
            reader.Fields.Select(f => f.Tag));
        Assert.Equal(s_defaultToR, reader.Fields[0]);
        Assert.Equal(s_defaultUsage, reader.Fields[^1]);
        Assert.All(reader.Fields, f => Assert.True(f.Mandatory));
    }

    [Fact]
    public void LoadText_FileCsvReader_MergedOverDefaultReader()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"enabled": true, "sessions_conns": ["*localhost"], "readers": [
                {"id": "csv", "type": "*file_csv", "run_delay": "-1", "source_path": "/tmp/ers/in", "flags": ["*dryrun"]}
            ]}}
            """);
        var ers = result.Config.Ers;

        Assert.Empty(result.Diagnostics);
        Assert.True(ers.Enabled);
        Assert.Equal(["*localhost"], ers.SessionsConns);
        Assert.Equal(["*default", "csv"], ers.Readers.Select(r => r.Id));
        var reader = ers.Readers[1];
        Assert.Equal("*file_csv", reader.Type);
        Assert.Equal(new Usage(-1), reader.RunDelay);
        Assert.Equal("/tmp/ers/in", reader.SourcePath);
        Assert.Equal(["*dryrun"], reader.Flags);
        // Not in the file: inherited from *default.
        Assert.Equal("/var/spool/cgrates/ers/out", reader.ProcessedPath);
        Assert.Equal(1024, reader.ConcurrentRequests);
        Assert.Equal(":", reader.CsvHeaderDefineChar);
        Assert.Equal("*none", reader.Opts["partialCacheAction"].GetString());
        Assert.Equal(ers.Readers[0].Fields, reader.Fields);
    }

    [Fact]
    public void LoadText_AmqpReader_ReconnectAndExportSettingsBound()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"readers": [{"id": "amqp", "type": "*amqp_json_map", "run_delay": "-1", "source_path": "amqp://guest:guest@localhost:5672/",
                "reconnects": 3, "max_reconnect_interval": "30s", "ees_success_ids": ["raw"], "ees_failed_ids": ["raw_failed", "alert"],
                "opts": {"amqpQueueID": "cdrs", "amqpConsumerTag": "obol"}}]}}
            """);
        var reader = result.Config.Ers.Readers[1];

        Assert.Empty(result.Diagnostics);
        Assert.Equal((3, Usage.FromSeconds(30)), (reader.Reconnects, reader.MaxReconnectInterval));
        Assert.Equal("obol", reader.Opts["amqpConsumerTag"].GetString());
        Assert.Equal(["raw"], reader.EesSuccessIds);
        Assert.Equal(["raw_failed", "alert"], reader.EesFailedIds);
    }

    [Fact]
    public void LoadText_ReaderWithFields_ReplacesDefaultFields()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"readers": [{"id": "csv", "type": "*file_csv", "fields": [
                {"tag": "OriginID", "path": "*cgreq.OriginID", "type": "*variable", "value": "~*req.0", "mandatory": true},
                {"tag": "Usage", "path": "*cgreq.Usage", "type": "*variable", "value": "~*req.1", "filters": ["*gt:~*req.1:0"], "layout": "2006-01-02", "new_branch": true}
            ]}]}}
            """);
        var readers = result.Config.Ers.Readers;

        Assert.Empty(result.Diagnostics);
        Assert.Equal(11, readers[0].Fields.Count);
        var fields = readers[1].Fields;
        Assert.Equal(["OriginID", "Usage"], fields.Select(f => f.Tag));
        Assert.Equal("~*req.0", fields[0].Value);
        Assert.Equal(["*gt:~*req.1:0"], fields[1].Filters);
        Assert.Equal("2006-01-02", fields[1].Layout);
        Assert.True(fields[1].NewBranch);
        Assert.False(fields[1].Mandatory);
    }

    [Fact]
    public void LoadTexts_SameReaderIdInTwoFiles_MergedKeyByKey()
    {
        var result = ConfigLoader.LoadTexts(
        [
            ("1.json", """{"ers": {"readers": [{"id": "csv", "type": "*file_csv", "fields": [{"tag": "A", "path": "*cgreq.A", "type": "*variable", "value": "~*req.0"}]}]}}"""),
            ("2.json", """{"ers": {"readers": [{"id": "csv", "run_delay": "1m"}, {"id": "json", "type": "*file_json"}]}}"""),
        ]);
        var readers = result.Config.Ers.Readers;

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["*default", "csv", "json"], readers.Select(r => r.Id));
        Assert.Equal("*file_csv", readers[1].Type);
        Assert.Equal(Usage.FromMinutes(1), readers[1].RunDelay);
        Assert.Equal("A", Assert.Single(readers[1].Fields).Tag);
        Assert.Equal(11, readers[2].Fields.Count);
    }

    [Fact]
    public void LoadText_DefaultReaderId_OverridesItInPlace()
    {
        var readers = ConfigLoader.LoadText("""{"ers": {"readers": [{"id": "*default", "type": "*file_csv"}]}}""").Config.Ers.Readers;

        var reader = Assert.Single(readers);
        Assert.Equal("*file_csv", reader.Type);
        Assert.Equal(11, reader.Fields.Count);
    }

    [Theory]
    [InlineData("-1", -1L)]
    [InlineData("0", 0L)]
    [InlineData("", 0L)]
    [InlineData("1500", 1500L)]
    [InlineData("10s", 10_000_000_000L)]
    public void LoadText_RunDelay_ReadAsDuration(string runDelay, long nanoseconds)
    {
        var result = ConfigLoader.LoadText($$$"""{"ers": {"readers": [{"id": "r", "run_delay": "{{{runDelay}}}"}]}}""");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new Usage(nanoseconds), result.Config.Ers.Readers[1].RunDelay);
    }

    [Fact]
    public void LoadText_ReaderOpts_MappedAndKeptAsJson()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"readers": [{"id": "csv", "type": "*file_csv", "opts": {
                "csvRowLength": -1, "csvFieldSeparator": ";", "csvHeaderDefineChar": "#", "csvLazyQuotes": true,
                "ignoreErroredItems": true, "partialCacheAction": "*dump_to_file"
            }}]}}
            """);
        var reader = result.Config.Ers.Readers[1];

        Assert.Empty(result.Diagnostics);
        Assert.Equal(-1, reader.CsvRowLength);
        Assert.Equal(";", reader.CsvFieldSeparator);
        Assert.Equal("#", reader.CsvHeaderDefineChar);
        Assert.True(reader.CsvLazyQuotes);
        Assert.True(reader.IgnoreErroredItems);
        Assert.Equal(";", reader.Opts["csvFieldSeparator"].GetString());
        Assert.Equal(-1, reader.Opts["csvRowLength"].GetInt32());
        Assert.True(reader.Opts["csvLazyQuotes"].GetBoolean());
        Assert.Equal("*dump_to_file", reader.Opts["partialCacheAction"].GetString());
        Assert.Equal("~*req.AnswerTime", reader.Opts["partialOrderField"].GetString());
    }

    [Fact]
    public void LoadText_OptsCgratesLeavesUnset_NoWarning()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"readers": [{"id": "r", "opts": {
                "partialPath": "/tmp/partial", "partialcsvFieldSeparator": ";", "xmlRootPath": "*hdr.CDR",
                "amqpQueueID": "q", "amqpUsername": "u", "amqpExchangeType": "topic", "amqpRoutingKey": "k",
                "kafkaTopic": "cdrs", "kafkaGroupID": "g", "kafkaMaxWait": "1ms", "kafkaTLS": false, "kafkaSkipTLSVerify": true,
                "sqlDBName": "cgrates", "sqlTableName": "cdrs", "sqlBatchSize": 10, "sqlDeleteIndexedFields": ["id"], "pgSSLMode": "disable",
                "awsRegion": "eu", "awsKey": "k", "awsSecret": "s", "awsToken": "t", "sqsQueueID": "q", "s3BucketID": "b",
                "natsJetStream": true, "natsConsumerName": "c", "natsStreamName": "s", "natsQueueID": "q",
                "natsJWTFile": "j", "natsSeedFile": "s", "natsCertificateAuthority": "ca", "natsClientCertificate": "c",
                "natsClientKey": "k", "natsJetStreamMaxWait": "5s"
            }}]}}
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("cdrs", result.Config.Ers.Readers[1].Opts["kafkaTopic"].GetString());
    }

    [Fact]
    public void LoadText_CgratesReaderKeysWithoutProperty_NoWarning()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"readers": [{"id": "r", "reconnects": 3, "max_reconnect_interval": "1m",
                "ees_success_ids": ["ok"], "ees_failed_ids": ["ko"],
                "partial_commit_fields": [{"tag": "Usage", "path": "*cgreq.Usage", "type": "*usage_difference", "value": "~*req.SetupTime;~*req.AnswerTime"}],
                "cache_dump_fields": [{"tag": "OriginID", "path": "*exp.OriginID", "type": "*variable", "value": "~*req.OriginID"}]}]}}
            """);

        Assert.Empty(result.Diagnostics);
        var json = result.Config.SectionJson("ers")!;
        Assert.Equal("ok", json["readers"]![1]!["ees_success_ids"]![0]!.GetValue<string>());
        Assert.Equal("*usage_difference", json["readers"]![1]!["partial_commit_fields"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void LoadText_UnknownKeysInReader_WarningsWithPaths()
    {
        var result = ConfigLoader.LoadText("""
            {"ers": {"concurrent_event": 2, "readers": [{"id": "r", "run_delayy": "1s", "content_fields": [],
                "opts": {"csvFieldSeperator": ";"},
                "fields": [{"tag": "a", "pathh": "*cgreq.A"}],
                "cache_dump_fields": [{"tag": "b", "valu": "x"}]}]}}
            """, source: "w.json");

        Assert.True(result.Succeeded);
        Assert.Equal(
            [
                "ers.concurrent_event", "ers.readers[0].run_delayy", "ers.readers[0].content_fields",
                "ers.readers[0].opts.csvFieldSeperator", "ers.readers[0].fields[0].pathh", "ers.readers[0].cache_dump_fields[0].valu",
            ],
            result.Warnings.Select(w => w.JsonPath));
        Assert.All(result.Warnings, w => Assert.Equal("w.json", w.File));
    }

    [Theory]
    [InlineData("""{"ers": {"partial_cache_ttl": "1y"}}""", "ers.partial_cache_ttl")]
    [InlineData("""{"ers": {"enabled": "true"}}""", "ers.enabled")]
    [InlineData("""{"ers": {"readers": {"id": "r"}}}""", "ers.readers")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "run_delay": "5x"}]}}""", "ers.readers[0].run_delay")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "run_delay": -1}]}}""", "ers.readers[0].run_delay")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "start_delay": "soon"}]}}""", "ers.readers[0].start_delay")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "concurrent_requests": "10"}]}}""", "ers.readers[0].concurrent_requests")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "flags": ["*dryrun", 1]}]}}""", "ers.readers[0].flags[1]")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "opts": {"csvRowLength": "3"}}]}}""", "ers.readers[0].opts.csvRowLength")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "opts": {"csvLazyQuotes": "yes"}}]}}""", "ers.readers[0].opts.csvLazyQuotes")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "opts": {"kafkaMaxWait": "1x"}}]}}""", "ers.readers[0].opts.kafkaMaxWait")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "fields": [{"tag": "t", "mandatory": "yes"}]}]}}""", "ers.readers[0].fields[0].mandatory")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "reconnects": "5"}]}}""", "ers.readers[0].reconnects")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "max_reconnect_interval": "often"}]}}""", "ers.readers[0].max_reconnect_interval")]
    [InlineData("""{"ers": {"readers": [{"id": "r", "cache_dump_fields": [{"tag": "t", "width": "5"}]}]}}""", "ers.readers[0].cache_dump_fields[0].width")]
    public void LoadText_InvalidValue_ErrorNamingPath(string json, string path)
    {
        var result = ConfigLoader.LoadText(json, source: "bad.json");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.JsonPath);
        Assert.Equal("bad.json", error.File);
    }

    [Fact]
    public void LoadTexts_InvalidRunDelayInSecondFile_PathAsWrittenInFile()
    {
        var result = ConfigLoader.LoadTexts(
        [
            ("1.json", """{"ers": {"readers": [{"id": "a"}]}}"""),
            ("2.json", """{"ers": {"readers": [{"id": "b", "run_delay": "1 minute"}]}}"""),
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ers.readers[0].run_delay", error.JsonPath);
        Assert.Equal("2.json", error.File);
    }

    [Fact]
    public void LoadText_ConcurrentEventsBelowOne_CountsAsOne()
    {
        var ers = ConfigLoader.LoadText("""{"ers": {"concurrent_events": 0}}""").Config.Ers;

        Assert.Equal(1, ers.ConcurrentEvents);
    }

    [Fact]
    public void SectionNames_Defaults_ErsModelled()
    {
        var config = ObolConfig.Default;

        Assert.Contains("ers", config.SectionNames);
        Assert.Equal("*default", config.SectionJson("ers")!["readers"]![0]!["id"]!.GetValue<string>());
    }
}
