using NodaTime;
using Obol.Config;
using Obol.Events;
using Obol.Filters;

namespace Obol.Exporters.Tests;

internal sealed class NoFilters : IFilterStore
{
    public Filter? FindFilter(string tenant, string id) => null;
}

internal sealed class CapturingLog : ILogSink
{
    public List<string> Infos { get; } = [];

    public List<string> Warnings { get; } = [];

    public void Info(string message)
    {
        lock (Infos)
        {
            Infos.Add(message);
        }
    }

    public void Warning(string message)
    {
        lock (Warnings)
        {
            Warnings.Add(message);
        }
    }
}

internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "obol-ees-" + Guid.NewGuid().ToString("N"));

    public string[] Files(string pattern = "*") => Directory.GetFiles(Path, pattern);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class Support
{
    public static ExporterServiceOptions Options(CapturingLog? log = null) => new()
    {
        LocalZone = DateTimeZone.Utc,
        DefaultTimezone = "UTC",
        Log = log ?? new CapturingLog(),
        RetryDelay = _ => TimeSpan.Zero,
    };

    public static ExporterService Service(EesConfig config, ExporterServiceOptions? options = null) =>
        new(config, new FilterService(new NoFilters()), options ?? Options());

    public static EesConfig Ees(params ExporterConfig[] exporters) => new()
    {
        Enabled = true,
        FailedPostsDir = "",
        Exporters = exporters,
    };

    public static FieldTemplate Field(string tag, string value, string type = "*variable", string section = "*exp") =>
        new() { Tag = tag, Path = $"{section}.{tag}", Type = type, Value = value };

    /// <summary>The ees_it_test Cdr1 event, as a CDR's AsCGREvent carries it.</summary>
    public static CgrEvent Cdr(string id = "Cdr1", string runId = "*raw", decimal cost = 1.01m, long orderId = 1) => new()
    {
        Tenant = "cgrates.org",
        Id = id,
        Event = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["CGRID"] = id,
            ["RunID"] = runId,
            ["ToR"] = "*voice",
            ["OriginID"] = "OriginCDR1",
            ["RequestType"] = "*none",
            ["Tenant"] = "cgrates.org",
            ["Category"] = "call",
            ["Account"] = "1001",
            ["Subject"] = "1001",
            ["Destination"] = "+4986517174963",
            ["SetupTime"] = Instant.FromUtc(2018, 10, 4, 15, 3, 10),
            ["AnswerTime"] = "2018-10-04T15:03:10Z",
            ["Usage"] = 10_000_000_000L,
            ["Cost"] = cost,
            ["OrderID"] = orderId,
        },
    };

    /// <summary>A tutorial config copied next to the test binary (linked from tests/data/configs).</summary>
    public static string ConfigPath(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "configs", name, "cgrates.json");
}
