using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Filters;

namespace Obol.Benchmarks.Filters;

/// <summary>
/// FilterS on the path every profile match takes (issue 5 target: a filter pass on an indexed field ≤ 1 µs): an inline
/// <c>*string</c> on <c>~*req.Account</c> and a <c>*prefix</c> on the destination, against a tutorial-like event.
/// </summary>
[MemoryDiagnoser]
public class FilterPassBenchmarks
{
    private static readonly Instant s_now = Instant.FromUtc(2014, 8, 4, 13, 0);
    private static readonly string[] s_account = ["*string:~*req.Account:1001"];
    private static readonly string[] s_accountAndPrefix = ["*string:~*req.Account:1001", "*prefix:~*req.Destination:10"];
    private FilterService _filters = null!;
    private FilterEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _filters = new FilterService(new FilterTable([]));
        _event = new FilterEvent(new Dictionary<string, object?>
        {
            ["Account"] = "1001",
            ["Destination"] = "1002",
            ["Usage"] = "1m25s",
            ["RequestType"] = "*prepaid",
        });
        // Inline filters are compiled once and cached; the benchmark measures the passes after that.
        _filters.Pass("cgrates.org", s_accountAndPrefix, _event, s_now);
    }

    [Benchmark(Baseline = true)]
    public bool StringOnAccount() => _filters.Pass("cgrates.org", s_account, _event, s_now).Passed;

    [Benchmark]
    public bool StringAndPrefix() => _filters.Pass("cgrates.org", s_accountAndPrefix, _event, s_now).Passed;
}
