using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.Stats;

namespace Obol.Benchmarks.Stats;

/// <summary>
/// StatSv1.ProcessEvent in-process (issue 5 target ≤ 3 µs): 1,000 queue profiles indexed on <c>*req.Account</c>, the
/// event matching one with <c>*tcc</c>, <c>*tcd</c> and <c>*acc</c> over the last 100 CDRs (a full queue, so each event
/// also evicts the oldest).
/// </summary>
[MemoryDiagnoser]
public class StatProcessEventBenchmarks
{
    private static readonly Instant s_now = Instant.FromUtc(2026, 1, 1, 12, 0);
    private StatService _stats = null!;
    private CgrEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        var filters = new FilterService(new FilterTable([]));
        _stats = new StatService(filters);
        var profiles = Enumerable.Range(0, 1000).Select(i => new StatQueueProfile("cgrates.org", $"STATS_{i}")
        {
            FilterIds = [$"*string:~*req.Account:{1000 + i}"],
            QueueLength = 100,
            Ttl = new Usage(-1),
            Metrics = [new MetricWithFilters("*tcc"), new MetricWithFilters("*tcd"), new MetricWithFilters("*acc")],
            ThresholdIds = ["*none"],
        });
        _stats.SetProfiles(IndexedProfiles.Build(profiles, filters, _stats.IndexOptions));
        _event = new CgrEvent
        {
            Tenant = "cgrates.org",
            Id = "cdr",
            Event =
            {
                ["Account"] = "1001",
                ["Destination"] = "1002",
                ["RunID"] = "*default",
                ["AnswerTime"] = "2026-01-01T11:58:00Z",
                ["Usage"] = "1m7s",
                ["Cost"] = 1.01346m,
            },
        };
        for (var i = 0; i < 100; i++)
        {
            Process().AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark]
    public async ValueTask<int> Process() => (await _stats.ProcessEventAsync(_event, s_now)).QueueIds.Count;
}
