using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>ERs on a real engine: CDR files dropped into a reader's folder become rated CDRs through SessionS.</summary>
public sealed class EventReaderTests
{
    [Fact]
    public async Task FileCsvReader_CdrFileDropped_RatedCdrsStoredAndFileMoved()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"obol-ers-e2e-{Guid.NewGuid():N}");
        var (input, output) = (Path.Combine(folder, "in"), Path.Combine(folder, "out"));
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"general\": {", Ers(input, output) + "\"general\": {",
            StringComparison.Ordinal));
        Directory.CreateDirectory(input);
        var before = await engine.MonetaryAsync("1001");
        // Written elsewhere and moved in, as switches hand over finished files.
        var staging = Path.Combine(folder, "cdrs.csv.tmp");
        await File.WriteAllTextAsync(staging, """
            #ToR,OriginID,RequestType,Account,Destination,AnswerTime,Usage
            *voice,ers-call-1,*postpaid,1001,1002,2026-01-05T10:00:05Z,30s
            *voice,ers-call-2,*postpaid,1001,1002,2026-01-05T10:05:00Z,1m7s
            *voice,ers-call-3
            """);
        File.Move(staging, Path.Combine(input, "cdrs.csv"));

        var cdrs = await WaitForCdrsAsync(engine, 2);
        var processed = Path.Combine(output, "cdrs.csv");
        for (var i = 0; i < 100 && !File.Exists(processed); i++)
        {
            await Task.Delay(100);
        }

        var byOrigin = cdrs.ToDictionary(c => c.GetProperty("OriginID").GetString()!);
        Assert.Equal(["ers-call-1", "ers-call-2"], byOrigin.Keys.Order(StringComparer.Ordinal));
        var costs = byOrigin.Values.Select(c => c.GetProperty("Cost").GetDecimal()).ToList();
        Assert.All(costs, c => Assert.True(c > 0m));
        // Postpaid: each CDR debited its account by exactly its cost.
        Assert.Equal(before - costs.Sum(), await engine.MonetaryAsync("1001"));
        Assert.Equal("1m7s", byOrigin["ers-call-2"].GetProperty("Usage").GetString());
        Assert.True(File.Exists(processed));
        Assert.False(File.Exists(Path.Combine(input, "cdrs.csv")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task FileCsvReader_EesSuccessIds_RawRowsOfHandledEventsExported()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"obol-ers-raw-{Guid.NewGuid():N}");
        var (input, output) = (Path.Combine(folder, "in"), Path.Combine(folder, "out"));
        var ers = Ers(input, output).Replace("\"sessions_conns\": [\"*internal\"],", "\"sessions_conns\": [\"*internal\"], \"ees_conns\": [\"*internal\"],",
            StringComparison.Ordinal).Replace("\"flags\": [\"*cdrs\", \"*log\"],", "\"flags\": [\"*cdrs\"], \"ees_success_ids\": [\"raw_rows\"],", StringComparison.Ordinal);
        const string exporter = """
            {"id": "raw_rows", "type": "*log", "synchronous": true, "fields": [
                {"tag": "OriginID", "path": "*exp.OriginID", "type": "*variable", "value": "~*req.1"},
                {"tag": "Usage", "path": "*exp.Usage", "type": "*variable", "value": "~*req.6"}]},
            """;
        await using var engine = await SessionEngine.StartAsync(configure: c => c
            .Replace("\"general\": {", ers + "\"general\": {", StringComparison.Ordinal)
            .Replace("\"exporters\": [", "\"exporters\": [" + exporter, StringComparison.Ordinal));
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(folder, "cdrs.tmp"), """
            *voice,ers-call-1,*postpaid,1001,1002,2026-01-05T10:00:05Z,30s
            *voice,ers-call-2,*postpaid,1001,1002,2026-01-05T10:05:00Z,1m7s
            *voice,ers-call-3
            """);
        File.Move(Path.Combine(folder, "cdrs.tmp"), Path.Combine(input, "cdrs.csv"));

        await WaitForCdrsAsync(engine, 2);
        List<string> Exported() => [.. engine.Process.Stdout.Split('\n').Where(l => l.Contains("<EEs> <raw_rows> exported", StringComparison.Ordinal))];
        for (var i = 0; i < 100 && Exported().Count < 2; i++)
        {
            await Task.Delay(100);
        }

        var exported = Exported();
        Assert.Equal(2, exported.Count);
        Assert.Contains(exported, l => l.Contains("ers-call-1", StringComparison.Ordinal) && l.Contains("30s", StringComparison.Ordinal));
        Assert.DoesNotContain(exported, l => l.Contains("ers-call-3", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SetConfigFromJSON_ReaderMovedToAnotherFolder_NewFolderReadAndABadReaderRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"obol-ers-live-{Guid.NewGuid():N}");
        var (input, moved, output) = (Path.Combine(folder, "in"), Path.Combine(folder, "moved"), Path.Combine(folder, "out"));
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"general\": {", Ers(input, output) + "\"general\": {",
            StringComparison.Ordinal));

        var bad = await engine.Api.CallRawAsync("ConfigSv1.SetConfigFromJSON", JsonSerializer.SerializeToUtf8Bytes(new
        {
            Config = """{"ers":{"readers":[{"id":"switch_cdrs","type":"*kafka_json_map"}]}}""",
        }));
        var reloaded = await engine.CallAsync("ConfigSv1.SetConfigFromJSON", JsonSerializer.Serialize(new
        {
            Config = $$$"""{"ers":{"readers":[{"id":"switch_cdrs","source_path":{{{JsonSerializer.Serialize(moved)}}}}]}}""",
        }));
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(moved);
        await File.WriteAllTextAsync(Path.Combine(folder, "a.tmp"), "*voice,ers-call-1,*postpaid,1001,1002,2026-01-05T10:00:05Z,30s\n");
        File.Move(Path.Combine(folder, "a.tmp"), Path.Combine(input, "old.csv"));
        await File.WriteAllTextAsync(Path.Combine(folder, "b.tmp"), "*voice,ers-call-2,*postpaid,1001,1002,2026-01-05T10:00:05Z,30s\n");
        File.Move(Path.Combine(folder, "b.tmp"), Path.Combine(moved, "new.csv"));

        var cdrs = await WaitForCdrsAsync(engine, 1);
        await Task.Delay(500);

        Assert.Contains("unsupported type <*kafka_json_map>", bad.Error, StringComparison.Ordinal);
        Assert.Equal("OK", reloaded.GetString());
        Assert.Equal("ers-call-2", Assert.Single(cdrs).GetProperty("OriginID").GetString());
        Assert.True(File.Exists(Path.Combine(output, "new.csv")));
        Assert.True(File.Exists(Path.Combine(input, "old.csv")), "the old folder is no longer read");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RunReader_IdleReader_ReadsItsFilesOnRequestOnly()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"obol-ers-run-{Guid.NewGuid():N}");
        var (input, output) = (Path.Combine(folder, "in"), Path.Combine(folder, "out"));
        await using var engine = await SessionEngine.StartAsync(configure: c => c.Replace("\"general\": {",
            Ers(input, output).Replace("\"run_delay\": \"-1\"", "\"run_delay\": \"0\"", StringComparison.Ordinal) + "\"general\": {",
            StringComparison.Ordinal));
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "late.csv"), "*voice,ers-call-1,*postpaid,1001,1002,2026-01-05T10:00:05Z,30s\n");
        await Task.Delay(300);
        var before = await engine.Api.CallRawAsync("APIerSv2.GetCDRs", """{"OriginIDs":["ers-call-1"]}"""u8.ToArray());

        var ran = await engine.CallAsync("ErSv1.RunReader", """{"ReaderID":"switch_cdrs"}""");
        var unknown = await engine.Api.CallRawAsync("ErSv1.RunReader", """{"ReaderID":"nope"}"""u8.ToArray());
        var cdrs = await WaitForCdrsAsync(engine, 1);

        Assert.Equal("NOT_FOUND", before.Error);
        Assert.Equal("OK", ran.GetString());
        Assert.Equal("NOT_FOUND", unknown.Error);
        Assert.Equal("ers-call-1", Assert.Single(cdrs).GetProperty("OriginID").GetString());
        Assert.True(File.Exists(Path.Combine(output, "late.csv")));
        Directory.Delete(folder, recursive: true);
    }

    private static Task<List<JsonElement>> WaitForCdrsAsync(SessionEngine engine, int count) =>
        WaitForCdrsAsync(engine, count, """{"OriginIDs":["ers-call-1","ers-call-2","ers-call-3"],"RunIDs":["*default"]}""");

    /// <summary>The CDRs APIerSv2.GetCDRs finds for <paramref name="filter"/>, once there are at least <paramref name="count"/>.</summary>
    internal static async Task<List<JsonElement>> WaitForCdrsAsync(SessionEngine engine, int count, string filter)
    {
        var args = System.Text.Encoding.UTF8.GetBytes(filter);
        for (var i = 0; i < 300; i++)
        {
            var reply = await engine.Api.CallRawAsync("APIerSv2.GetCDRs", args);
            if (reply.Error is null)
            {
                using var document = JsonDocument.Parse(reply.Result);
                if (document.RootElement.GetArrayLength() >= count)
                {
                    return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"fewer than {count} CDRs from the reader");
    }

    private static string Ers(string input, string output) =>
        Ers("*file_csv", "-1", input, output, ["0", "1", "2", "3", "4", "5", "6"], "{}");

    /// <summary>An <c>ers</c> section with one reader, <c>switch_cdrs</c>, sending CDRs to SessionS; its record's
    /// <paramref name="columns"/> hold ToR, OriginID, RequestType, Account (and Subject), Destination, AnswerTime (and
    /// SetupTime) and Usage.</summary>
    internal static string Ers(string type, string runDelay, string source, string processed, string[] columns, string opts) => $$"""
        "ers": {
            "enabled": true,
            "sessions_conns": ["*internal"],
            "readers": [{
                "id": "switch_cdrs",
                "type": "{{type}}",
                "run_delay": "{{runDelay}}",
                "source_path": {{JsonSerializer.Serialize(source)}},
                "processed_path": {{JsonSerializer.Serialize(processed)}},
                "flags": ["*cdrs", "*log"],
                "opts": {{opts}},
                "fields": [
                    {"tag": "ToR", "path": "*cgreq.ToR", "type": "*variable", "value": "~*req.{{columns[0]}}", "mandatory": true},
                    {"tag": "OriginID", "path": "*cgreq.OriginID", "type": "*variable", "value": "~*req.{{columns[1]}}", "mandatory": true},
                    {"tag": "RequestType", "path": "*cgreq.RequestType", "type": "*variable", "value": "~*req.{{columns[2]}}", "mandatory": true},
                    {"tag": "Tenant", "path": "*cgreq.Tenant", "type": "*constant", "value": "cgrates.org"},
                    {"tag": "Category", "path": "*cgreq.Category", "type": "*constant", "value": "call"},
                    {"tag": "Account", "path": "*cgreq.Account", "type": "*variable", "value": "~*req.{{columns[3]}}", "mandatory": true},
                    {"tag": "Subject", "path": "*cgreq.Subject", "type": "*variable", "value": "~*req.{{columns[3]}}", "mandatory": true},
                    {"tag": "Destination", "path": "*cgreq.Destination", "type": "*variable", "value": "~*req.{{columns[4]}}", "mandatory": true},
                    {"tag": "SetupTime", "path": "*cgreq.SetupTime", "type": "*variable", "value": "~*req.{{columns[5]}}", "mandatory": true},
                    {"tag": "AnswerTime", "path": "*cgreq.AnswerTime", "type": "*variable", "value": "~*req.{{columns[5]}}", "mandatory": true},
                    {"tag": "Usage", "path": "*cgreq.Usage", "type": "*variable", "value": "~*req.{{columns[6]}}", "mandatory": true}
                ]
            }]
        },

        """;
}
