using System.Collections.Concurrent;
using NodaTime;
using Obol.Config;
using Obol.Exporters;
using Obol.Filters;
using Xunit;

namespace Obol.EventReaders.Tests;

/// <summary>Readers in dry-run mode: the events their templates make from real files, logged as CGRateS's ERs log them.</summary>
public sealed class EventReaderTests : IDisposable
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 1, 5, 10, 0);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"obol-ers-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _info = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    private string In => Path.Combine(_root, "in");

    private string Out => Path.Combine(_root, "out");

    [Fact]
    public async Task ProcessFileAsync_CsvRows_EventPerRowFromColumnsAndFileMoved()
    {
        var reader = Reader(Csv(Field("Account", "~*req.1"), Field("Destination", "~*req.2"), Field("Usage", "~*req.3"),
            Field("OriginID", "~*vars.*fileName;-;~*vars.*fileLineNumber", "*composed")));
        var file = Write("cdrs.csv", "*voice,1001,1002,93s\n# a comment\n*voice,1003,1001,30s\n");

        var (records, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal((2, 2), (records, events));
        var logged = DryRuns();
        Assert.Contains("\"Account\":\"1001\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Usage\":\"93s\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"OriginID\":\"cdrs.csv-2\"", logged[1], StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.True(File.Exists(Path.Combine(Out, "cdrs.csv")));
    }

    [Fact]
    public async Task ProcessFileAsync_HeaderDefined_ColumnsReadByName()
    {
        var reader = Reader(Csv(Field("Account", "~*req.Account"), Field("Destination", "~*req.Called")));
        var file = Write("named.csv", ":Account,Called\n1001,1002\n");

        var (records, _) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal(1, records);
        Assert.Contains("\"Destination\":\"1002\"", Assert.Single(DryRuns()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessFileAsync_ShortRowAndMissingMandatory_NamedByLineAndRestRead()
    {
        var reader = Reader(Csv(Field("Account", "~*req.1"), Field("Destination", "~*req.2") with { Mandatory = true }) with { CsvRowLength = -1 });
        var file = Write("bad.csv", "*voice,1001,1002\n*voice,1003\n*voice,1004,1005\n");

        var (records, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal((3, 2), (records, events));
        Assert.Contains(_warnings, w => w.Contains("bad.csv:2", StringComparison.Ordinal) && w.Contains("NOT_FOUND:Destination", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessFileAsync_RowLengthOfFirstRecord_OtherLengthsSkipped()
    {
        var reader = Reader(Csv(Field("Account", "~*req.1")));
        var file = Write("len.csv", "a,1001,x\nb,1002\nc,1003,y\n");

        var (_, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal(2, events);
        Assert.Contains(_warnings, w => w.Contains("len.csv:2: wrong number of fields: expected 3, got 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessFileAsync_ReaderFilters_OnlyPassingRows()
    {
        var reader = Reader(Csv(Field("Account", "~*req.1")) with { Filters = ["*string:~*req.0:*voice"] });
        var file = Write("mixed.csv", "*voice,1001\n*sms,1002\n");

        var (records, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal((2, 1), (records, events));
    }

    [Fact]
    public async Task ProcessFileAsync_JsonArray_EventPerObjectWithNestedPaths()
    {
        var reader = Reader(Csv(Field("Account", "~*req.caller.id"), Field("Usage", "~*req.duration"),
            Field("*dispatchers", "false", "*constant") with { Path = "*opts.*dispatchers" }) with { Type = "*file_json" });
        var file = Write("calls.json", """[{"caller":{"id":"1001"},"duration":93},{"caller":{"id":"1002"},"duration":5}]""");

        var (_, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal(2, events);
        Assert.Contains("\"Usage\":\"93\"", DryRuns()[0], StringComparison.Ordinal);
        Assert.Contains("\"APIOpts\":{\"*dispatchers\":\"false\"}", DryRuns()[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessFileAsync_XmlRootPath_EventPerElementWithIndexAndUsageDifference()
    {
        var reader = Reader(Csv(
            Field("OriginID", "~*req.broadWorksCDR.cdrData.basicModule.localCallId"),
            Field("Account", "~*req.broadWorksCDR.cdrData.basicModule.userNumber"),
            Field("Leg", "~*req.broadWorksCDR.cdrData.leg[1].id"),
            Field("Usage", "~*req.broadWorksCDR.cdrData.basicModule.releaseTime;~*req.broadWorksCDR.cdrData.basicModule.answerTime", "*usage_difference"))
            with { Type = "*file_xml", Opts = new Dictionary<string, System.Text.Json.JsonElement> { ["xmlRootPath"] = Json("\"broadWorksCDR.cdrData\"") } });
        var file = Write("bw.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <broadWorksCDR>
              <cdrData>
                <basicModule><localCallId>call-a</localCallId><userNumber>1001</userNumber>
                  <answerTime>2026-01-05T10:00:05Z</answerTime><releaseTime>2026-01-05T10:01:12Z</releaseTime></basicModule>
                <leg><id>first</id></leg><leg><id>second</id></leg>
              </cdrData>
              <cdrData>
                <basicModule><localCallId>call-b</localCallId><userNumber>1002</userNumber>
                  <answerTime>2026-01-05T11:00:00Z</answerTime><releaseTime>2026-01-05T11:00:30Z</releaseTime></basicModule>
                <leg><id>x</id></leg><leg><id>y</id></leg>
              </cdrData>
            </broadWorksCDR>
            """);

        var (records, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal((2, 2), (records, events));
        var logged = DryRuns();
        Assert.Contains("\"OriginID\":\"call-a\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Leg\":\"second\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Usage\":\"1m7s\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Usage\":\"30s\"", logged[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessFileAsync_XmlWithDtd_RefusedAndFileLeftInPlace()
    {
        var reader = Reader(Csv(Field("Account", "~*req.a")) with { Type = "*file_xml" });
        var file = Write("evil.xml", """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>""");

        var (records, _) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal(0, records);
        Assert.True(File.Exists(file));
        Assert.Contains(_warnings, w => w.Contains("cannot read", StringComparison.Ordinal) && w.Contains("evil.xml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessFileAsync_FixedWidthWithHeaderAndTrailer_EventPerRecordWithHeaderColumns()
    {
        var reader = Reader(Csv(
            Field("OriginID", "~*req.0-6"), Field("Account", "~*req.6-10"), Field("Usage", "~*req.10-14;s", "*composed"),
            Field("Batch", "~*hdr.3-8"), Field("Records", "~*trl.3-5")) with { Type = "*file_fwv" });
        var file = Write("cdrs.fwv", "HDRB0042\ncall-110010093\ncall-21002\ncall-310030005\r\nTRL03\n");

        var (records, events) = await reader.ProcessFileAsync(file, CancellationToken.None);

        Assert.Equal((3, 2), (records, events));
        var logged = DryRuns();
        Assert.Contains("\"OriginID\":\"call-1\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Account\":\"1001\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Usage\":\"0093s\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Batch\":\"B0042\"", logged[0], StringComparison.Ordinal);
        Assert.Contains("\"Records\":\"03\"", logged[1], StringComparison.Ordinal);
        Assert.Contains("\"OriginID\":\"call-3\"", logged[1], StringComparison.Ordinal);
        Assert.Contains(_warnings, w => w.Contains("cdrs.fwv:3: line of 10 bytes where the first record has 14", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Out, "cdrs.fwv")));
    }

    [Fact]
    public async Task ProcessFileAsync_EesIds_RawRecordToSuccessOrFailedExporters()
    {
        var exported = new ConcurrentQueue<(string Tenant, string Ids, Dictionary<string, object?> Raw)>();
        Task<string?> Export(string tenant, IReadOnlyList<string> ids, Dictionary<string, object?> raw, CancellationToken ct)
        {
            exported.Enqueue((tenant, string.Join(',', ids), raw));
            return Task.FromResult<string?>(null);
        }
        var context = new ReaderContext(null, Filters(), new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org", _info.Enqueue, _warnings.Enqueue, Export);
        // The second object has no caller: it fails its mandatory template and goes to neither.
        var json = new FileReader(Csv(Field("Account", "~*req.caller.id") with { Mandatory = true }) with
        {
            Type = "*file_json", EesSuccessIds = ["raw_ok"], EesFailedIds = ["raw_failed"],
        }, context);
        // *cdrs with no SessionS to reach: each event is answered with an error.
        var csv = new FileReader(Csv(Field("Account", "~*req.Account")) with
        {
            Flags = ["*cdrs"], EesSuccessIds = ["raw_ok"], EesFailedIds = ["raw_failed"],
        }, context);

        await json.ProcessFileAsync(Write("calls.json", """[{"caller":{"id":"1001"},"duration":93},{"duration":5}]"""), CancellationToken.None);
        await csv.ProcessFileAsync(Write("calls.csv", ":Account,Usage\n1002,30s\n"), CancellationToken.None);

        Assert.Equal(2, exported.Count);
        var (tenant, ids, raw) = exported.First();
        Assert.Equal(("cgrates.org", "raw_ok"), (tenant, ids));
        Assert.Equal(93m, Convert.ToDecimal(raw["duration"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1001", Assert.IsType<Dictionary<string, object?>>(raw["caller"])["id"]);
        var failed = exported.Last();
        Assert.Equal("raw_failed", failed.Ids);
        Assert.Equal(("1002", "1002", "30s"), (failed.Raw["0"], failed.Raw["Account"], failed.Raw["Usage"]));
    }

    [Fact]
    public async Task ProcessFileAsync_ErsStatsAndThresholdsFlags_PerformanceReportPerEvent()
    {
        var stats = new ConcurrentQueue<Events.CgrEvent>();
        var thresholds = new ConcurrentQueue<Events.CgrEvent>();
        var context = new ReaderContext(null, Filters(), new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org", _info.Enqueue, _warnings.Enqueue)
        {
            Stats = (ev, _) => { stats.Enqueue(ev); return Task.FromResult<string?>(null); },
            Thresholds = (ev, _) => { thresholds.Enqueue(ev); return Task.FromResult<string?>("NOT_FOUND"); },
        };
        // *cdrs with no SessionS to reach: the event fails; *none: it succeeds without one.
        var failing = new FileReader(Csv(Field("Account", "~*req.1")) with { Flags = ["*cdrs", "*ersStats:ERS_PERF&ERS_ALL", "*ersThresholds:ERS_TH"] }, context);
        var passing = new FileReader(Csv(Field("Account", "~*req.1")) with { Id = "QUIET", Flags = ["*none", "*ersStats:ERS_PERF"] }, context);

        await failing.ProcessFileAsync(Write("a.csv", "x,1001\n"), CancellationToken.None);
        await passing.ProcessFileAsync(Write("b.csv", "x,1002\n"), CancellationToken.None);

        Assert.Equal(2, stats.Count);
        var failed = stats.First();
        Assert.Equal(("ERR_CDRS", "ERs", "CDRS_CSV"), (failed.Event["ReplyState"], failed.Event["Source"], failed.Event["EventReaderID"]));
        Assert.Equal(new Primitives.Usage(0), failed.Event["ProcessingTime"]);
        Assert.Equal("2026-01-05T10:00:00Z", failed.Event["StartTime"]);
        Assert.Equal("PerformanceReport", failed.ApiOpts["*eventType"]);
        Assert.Equal(["ERS_PERF", "ERS_ALL"], Assert.IsType<List<string>>(failed.ApiOpts["*stsProfileIDs"]));
        Assert.Equal(["ERS_TH"], Assert.IsType<List<string>>(Assert.Single(thresholds).ApiOpts["*thdProfileIDs"]));
        Assert.Equal(("OK", "QUIET"), (stats.Last().Event["ReplyState"], stats.Last().Event["EventReaderID"]));
        // ThresholdS' NOT_FOUND (no threshold matched) is not a failure worth a warning.
        Assert.DoesNotContain(_warnings, w => w.Contains("ThresholdS", StringComparison.Ordinal));
    }

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task ScanAllAsync_RunDelay_ReaderPicksUpFilesDroppedIntoSourcePath()
    {
        var config = new ErsConfig { Enabled = true, Readers = [Csv(Field("Account", "~*req.1"))] };
        await using var service = new EventReaderService(config, null, Filters(), new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org",
            _info.Enqueue, _warnings.Enqueue);
        Write("a.csv", "x,1001\n");
        Write("b.csv", "x,1002\n");
        Write("ignored.txt", "x,1003\n");

        var read = await service.ScanAllAsync();

        Assert.Equal(2, read);
        Assert.Equal(2, DryRuns().Count);
        Assert.True(File.Exists(Path.Combine(In, "ignored.txt")));
    }

    [Fact]
    public async Task Start_WatchedFolder_FileReadWholeOnceItsWritesStop()
    {
        var config = new ErsConfig { Enabled = true, Readers = [Csv(Field("Account", "~*req.1"))] };
        await using var service = new EventReaderService(config, null, Filters(), new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org",
            _info.Enqueue, _warnings.Enqueue) { QuietPeriod = TimeSpan.FromSeconds(1) };
        service.Start();
        await Task.Delay(200);

        var file = Write("growing.csv", "x,1001\n");
        File.AppendAllText(file, "x,1002\n");
        File.AppendAllText(file, "x,1003\n");
        for (var i = 0; i < 100 && File.Exists(file); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(File.Exists(file));
        Assert.Equal(3, DryRuns().Count);
    }

    [Theory]
    [InlineData("*kafka_json_map", "unsupported type <*kafka_json_map>")]
    [InlineData("*file_csv", "unsupported reqType")]
    public void EventReaderService_UnusableReader_RefusedNamingIt(string type, string expected)
    {
        var reader = Csv(Field("Account", "~*req.1")) with { Type = type, Flags = type == "*file_csv" ? ["*log"] : ["*dryrun"] };

        var e = Assert.Throws<ExporterDefinitionException>(() => new EventReaderService(new ErsConfig { Readers = [reader] }, null, Filters(),
            new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org", _info.Enqueue, _warnings.Enqueue));

        Assert.Contains("reader <CDRS_CSV>", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventReaderService_BadFieldPath_RefusedNamingTheField()
    {
        var reader = Csv(Field("Account", "~*req.1") with { Path = "*exp.Account" });

        var e = Assert.Throws<ExporterDefinitionException>(() => new EventReaderService(new ErsConfig { Readers = [reader] }, null, Filters(),
            new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org", _info.Enqueue, _warnings.Enqueue));

        Assert.StartsWith("reader <CDRS_CSV> field <Account>: unsupported path <*exp.Account>", e.Message, StringComparison.Ordinal);
    }

    private EventReaderConfig Csv(params FieldTemplate[] fields) => new()
    {
        Id = "CDRS_CSV",
        Type = "*file_csv",
        RunDelay = new Primitives.Usage(-1),
        SourcePath = In,
        ProcessedPath = Out,
        Flags = ["*dryrun"],
        Fields = fields,
    };

    private static FieldTemplate Field(string tag, string value, string type = "*variable") =>
        new() { Tag = tag, Path = "*cgreq." + tag, Type = type, Value = value };

    private FileReader Reader(EventReaderConfig config) =>
        new(config, new ReaderContext(null, Filters(), new FixedClock(s_now), DateTimeZone.Utc, "cgrates.org", _info.Enqueue, _warnings.Enqueue));

    private static FilterService Filters() => new(FilterTable.FromTp([], DateTimeZone.Utc, s_now));

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(In);
        var path = Path.Combine(In, name);
        File.WriteAllText(path, text);
        return path;
    }

    private List<string> DryRuns() => [.. _info.Where(l => l.Contains("DRY_RUN", StringComparison.Ordinal))];

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

internal sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
