using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Config;
using Obol.EventReaders;
using Obol.Filters;

namespace Obol.Benchmarks.EventReaders;

/// <summary>
/// ERs reading a switch's CDR file: 1,000 rows of the CGRateS default reader's eleven columns through its filters and
/// the eleven mandatory templates, each row made into an event (flag <c>*none</c>: SessionS not involved, so this is the
/// reader's own cost). The file is left in place (no <c>processed_path</c>), so every run reads it again.
/// </summary>
[MemoryDiagnoser]
public class CsvReaderBenchmarks
{
    private const int Rows = 1000;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"obol-bench-ers-{Guid.NewGuid():N}");
    private EventReaderService _service = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllLines(Path.Combine(_folder, "cdrs.csv"), Enumerable.Range(0, Rows).Select(i =>
            $"cgrid{i},*default,*voice,call-{i},*postpaid,*out,cgrates.org,call,{1000 + (i % 50)},{1000 + (i % 50)},+49151{i:D7}," +
            $"2026-01-05T10:00:00Z,2026-01-05T10:00:05Z,{30 + (i % 300)}s"));
        var defaults = ConfigLoader.LoadText("{}").Config.Ers.Readers[0];
        var reader = defaults with
        {
            Id = "bench",
            Type = "*file_csv",
            SourcePath = _folder,
            ProcessedPath = "",
            Flags = ["*none"],
            Filters = ["*prefix:~*req.10:+49"],
        };
        var now = Instant.FromUtc(2026, 1, 5, 10, 0);
        _service = new EventReaderService(new ErsConfig { Enabled = true, Readers = [reader] }, null,
            new FilterService(FilterTable.FromTp([], DateTimeZone.Utc, now)), SystemClock.Instance, DateTimeZone.Utc, "cgrates.org",
            _ => { }, message => throw new InvalidOperationException(message));
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<string?> ReadRow() => _service.RunReaderAsync("bench");

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _service.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
