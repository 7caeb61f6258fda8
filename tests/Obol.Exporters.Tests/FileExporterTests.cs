using Obol.Config;
using Obol.Primitives;
using Xunit;

namespace Obol.Exporters.Tests;

public sealed class FileExporterTests
{
    private const string Cdr1Row =
        "Cdr1,*raw,*voice,OriginCDR1,*none,cgrates.org,call,1001,1001,+4986517174963,2018-10-04T15:03:10Z,2018-10-04T15:03:10Z,10,1.01";

    private static EesConfig TutorialEes(string exportPath)
    {
        var loaded = ConfigLoader.Load(Support.ConfigPath("fs_evsock"));
        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
        var ees = loaded.Config.Ees;
        return ees with
        {
            FailedPostsDir = Meta.None,
            Exporters = [.. ees.Exporters.Select(e => e with { ExportPath = exportPath })],
        };
    }

    [Fact]
    public async Task Tutorial_exporter_writes_one_csv_per_batch_with_the_cgrates_columns()
    {
        using var dir = new TempDir();
        await using var service = Support.Service(TutorialEes(dir.Path));

        var reply = await service.ExportBatchAsync(
            [Support.Cdr(), Support.Cdr("Cdr2", "*default", 0.7167m, 2)], ["tutorial_export"], verbose: false, TestContext.Current.CancellationToken);

        Assert.Null(reply.Error);
        Assert.Empty(Assert.Single(reply.Exporters, kv => kv.Key == "tutorial_export").Value);
        var file = Assert.Single(dir.Files());
        Assert.Matches(@"tutorial_export_[0-9a-f]{7}\.csv$", file);
        Assert.Equal(
            Cdr1Row + "\n" +
            "Cdr2,*default,*voice,OriginCDR1,*none,cgrates.org,call,1001,1001,+4986517174963,2018-10-04T15:03:10Z,2018-10-04T15:03:10Z,10,0.7167\n",
            await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResetMetrics_CachedExporter_StartsItsCountsOverAndAnUnopenedOneIsNotFound()
    {
        using var dir = new TempDir();
        await using var service = Support.Service(TutorialEes(dir.Path));
        var unopened = service.ResetMetrics("tutorial_export");
        await service.ProcessEventAsync(Support.Cdr("Cdr1"), ["tutorial_export"], TestContext.Current.CancellationToken);
        await service.ProcessEventAsync(Support.Cdr("Cdr2", orderId: 2), ["tutorial_export"], TestContext.Current.CancellationToken);

        var reset = service.ResetMetrics("tutorial_export");

        var third = Support.Cdr("Cdr3", orderId: 3);
        third.ApiOpts[ExporterService.OptVerbose] = true;
        var reply = await service.ProcessEventAsync(third, ["tutorial_export"], TestContext.Current.CancellationToken);
        Assert.Equal((false, true, false), (unopened, reset, service.ResetMetrics("no_such_exporter")));
        Assert.Equal(1L, reply.Exporters["tutorial_export"][ExporterMetrics.NumberOfEvents]);
        Assert.Equal(new[] { "Cdr3" }, reply.Exporters["tutorial_export"][ExporterMetrics.PositiveExports]);
    }

    [Fact]
    public async Task Verbose_batch_returns_the_metrics()
    {
        using var dir = new TempDir();
        await using var service = Support.Service(TutorialEes(dir.Path));
        var events = Enumerable.Range(1, 4).Select(i => Support.Cdr($"Cdr{i}", cost: 1.01m, orderId: i)).ToList();

        var reply = await service.ExportBatchAsync(events, null, verbose: true, TestContext.Current.CancellationToken);

        var metrics = reply.Exporters["tutorial_export"];
        Assert.Equal(4L, metrics[ExporterMetrics.NumberOfEvents]);
        Assert.Equal(1L, metrics[ExporterMetrics.FirstExpOrderID]);
        Assert.Equal(4L, metrics[ExporterMetrics.LastExpOrderID]);
        Assert.Equal(4.04m, metrics[ExporterMetrics.TotalCost]);
        Assert.Equal(new Usage(40_000_000_000), metrics[ExporterMetrics.TotalDuration]);
        Assert.Equal(new[] { "Cdr1", "Cdr2", "Cdr3", "Cdr4" }, metrics[ExporterMetrics.PositiveExports]);
        Assert.StartsWith(dir.Path, (string)metrics[ExporterMetrics.ExportPath]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_event_keeps_the_cached_csv_open_until_disposal()
    {
        using var dir = new TempDir();
        var service = Support.Service(TutorialEes(dir.Path));
        var ct = TestContext.Current.CancellationToken;

        var first = await service.ProcessEventAsync(Support.Cdr(), null, ct);
        var second = await service.ProcessEventAsync(Support.Cdr("Cdr2"), null, ct);
        await service.DisposeAsync();

        Assert.Null(first.Error);
        Assert.Equal(["tutorial_export"], first.Exporters.Keys);
        Assert.Null(second.Error);
        var lines = (await File.ReadAllTextAsync(Assert.Single(dir.Files()), ct)).Split('\n');
        Assert.Equal([Cdr1Row, Cdr1Row.Replace("Cdr1", "Cdr2", StringComparison.Ordinal), ""], lines);
    }

    [Fact]
    public async Task Exporter_filters_exclude_events()
    {
        using var dir = new TempDir();
        var config = Support.Ees(new ExporterConfig
        {
            Id = "rated_only",
            Type = "*file_csv",
            ExportPath = dir.Path,
            Synchronous = true,
            Attempts = 1,
            Filters = ["*string:~*req.RunID:*default"],
            Fields = [Support.Field("CGRID", "~*req.CGRID"), Support.Field("Quoted", "a,\"b\"", "*constant")],
        });
        await using var service = Support.Service(config);
        var ct = TestContext.Current.CancellationToken;

        var raw = await service.ProcessEventAsync(Support.Cdr(runId: "*raw"), null, ct);
        var batch = await service.ExportBatchAsync([Support.Cdr("A", "*raw"), Support.Cdr("B", "*default")], null, false, ct);

        Assert.Equal(ErrorCodes.NotFound, raw.Error);
        Assert.Null(batch.Error);
        Assert.Equal("B,\"a,\"\"b\"\"\"\n", await File.ReadAllTextAsync(Assert.Single(dir.Files()), ct));
    }

    [Fact]
    public async Task Fwv_applies_widths_padding_strip_header_and_trailer()
    {
        using var dir = new TempDir();
        FieldTemplate Fwv(string tag, string value, int width, string type = "*variable", string padding = "", string strip = "",
            string section = "*exp") =>
            Support.Field(tag, value, type, section) with { Width = width, Padding = padding, Strip = strip };
        var config = Support.Ees(new ExporterConfig
        {
            Id = "fwv",
            Type = "*file_fwv",
            ExportPath = dir.Path,
            Synchronous = true,
            Attempts = 1,
            Fields =
            [
                Fwv("Type", "10", 2, "*constant", section: "*hdr"),
                Fwv("Filler", "", 4, "*filler", section: "*hdr"),
                Fwv("Account", "~*req.Account", 6, padding: "*left"),
                Fwv("Destination", "~*req.Destination", 8, strip: "*xright"),
                Fwv("Usage", "~*req.Usage{*duration_seconds}", 5, padding: "*zeroleft"),
                Fwv("Subject", "~*req.Subject", 6, padding: "*right"),
                Fwv("Count", "~*em.NumberOfEvents", 4, padding: "*zeroleft", section: "*trl"),
            ],
        });
        await using (var service = Support.Service(config))
        {
            await service.ExportBatchAsync([Support.Cdr(), Support.Cdr("Cdr2")], null, false, TestContext.Current.CancellationToken);
        }

        var file = Assert.Single(dir.Files());
        Assert.EndsWith(".fwv", file, StringComparison.Ordinal);
        Assert.Equal(
            "10    \n" +
            "  1001+498651x000101001  \n" +
            "  1001+498651x000101001  \n" +
            "0002\n",
            await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_value_wider_than_its_field_without_strip_fails_the_export()
    {
        using var dir = new TempDir();
        var log = new CapturingLog();
        var config = Support.Ees(new ExporterConfig
        {
            Id = "narrow",
            Type = "*file_fwv",
            ExportPath = dir.Path,
            Synchronous = true,
            Attempts = 1,
            Fields = [Support.Field("Destination", "~*req.Destination") with { Width = 4, Padding = "*left" }],
        });
        await using var service = Support.Service(config, Support.Options(log));

        var reply = await service.ProcessEventAsync(Support.Cdr(), null, TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.PartiallyExecuted, reply.Error);
        Assert.Contains(log.Warnings, w => w.Contains("is bigger than the width 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_optional_fields_are_skipped_and_mandatory_ones_fail()
    {
        using var dir = new TempDir();
        var log = new CapturingLog();
        var config = Support.Ees(new ExporterConfig
        {
            Id = "csv",
            Type = "*file_csv",
            ExportPath = dir.Path,
            Synchronous = true,
            Attempts = 1,
            Fields = [Support.Field("CGRID", "~*req.CGRID"), Support.Field("Extra", "~*req.Nope"), Support.Field("Id", "~*opts.*exporterID")],
        });
        var strict = config with
        {
            Exporters = [config.Exporters[0] with { Id = "strict", Fields = [Support.Field("Nope", "~*req.Nope") with { Mandatory = true }] }],
        };
        var ct = TestContext.Current.CancellationToken;
        await using (var service = Support.Service(config))
        {
            Assert.Null((await service.ExportBatchAsync([Support.Cdr()], null, false, ct)).Error);
        }
        await using (var service = Support.Service(strict, Support.Options(log)))
        {
            Assert.Equal(ErrorCodes.PartiallyExecuted, (await service.ProcessEventAsync(Support.Cdr(), null, ct)).Error);
        }

        Assert.Equal("Cdr1,csv\n", await File.ReadAllTextAsync(dir.Files("csv_*").Single(), ct));
        Assert.Contains(log.Warnings, w => w.Contains("NOT_FOUND:Nope", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_templates_are_rejected_at_construction_naming_exporter_and_field()
    {
        var config = Support.Ees(new ExporterConfig
        {
            Id = "broken",
            Type = "*file_csv",
            ExportPath = "/tmp",
            Fields = [Support.Field("Good", "~*req.A"), Support.Field("Usage", "~*req.Usage{*duration_hours}")],
        });

        var e = Assert.Throws<ExporterDefinitionException>(() => Support.Service(config));

        Assert.Equal("broken", e.ExporterId);
        Assert.Equal("Usage", e.FieldTag);
        Assert.Contains("exporter <broken> field <Usage>", e.Message, StringComparison.Ordinal);
        Assert.Contains("*duration_hours", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*exp.X", "*sum", "unsupported field type")]
    [InlineData("*cgreq.X", "*variable", "unsupported path")]
    public void Unsupported_types_and_paths_are_rejected(string path, string type, string reason)
    {
        var config = Support.Ees(new ExporterConfig
        {
            Id = "e1",
            Type = "*file_csv",
            Fields = [new FieldTemplate { Tag = "T", Path = path, Type = type, Value = "~*req.A" }],
        });
        var e = Assert.Throws<ExporterDefinitionException>(() => Support.Service(config));
        Assert.Equal("T", e.FieldTag);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_exporter_types_are_rejected()
    {
        var e = Assert.Throws<ExporterDefinitionException>(() =>
            Support.Service(Support.Ees(new ExporterConfig { Id = "k", Type = "*kafka_json_map" })));
        Assert.Equal("k", e.ExporterId);
        Assert.Contains("*kafka_json_map", e.Message, StringComparison.Ordinal);
    }
}
