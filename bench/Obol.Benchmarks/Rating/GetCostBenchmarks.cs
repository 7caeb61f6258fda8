using BenchmarkDotNet.Attributes;
using NodaTime;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Benchmarks.Rating;

/// <summary>
/// GetCost on the tutorial plan (issue 2 targets: the 1m25s call ≤ 2 µs and ≤ 10 allocations; a 1-hour call crossing
/// three timing boundaries ≤ 10 µs).
/// </summary>
[MemoryDiagnoser]
public class GetCostBenchmarks
{
    private static readonly Instant s_answer = Instant.FromUtc(2014, 8, 4, 13, 0);
    private RatingEngine _tutorial = null!;
    private RatingEngine _timed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tutorial = new RatingEngine(Load("tutorial"), new RatingOptions());
        _timed = new RatingEngine(ThreeTimingPlan(), new RatingOptions());
    }

    [Benchmark(Baseline = true)]
    public decimal Tutorial_1m25s() => _tutorial.GetCost(Call("1001", "1002", s_answer, Duration.FromSeconds(85))).CallCost!.Cost;

    [Benchmark]
    public decimal Tutorial_1m25s_EventCost() =>
        _tutorial.GetEventCost(Call("1001", "1002", s_answer, Duration.FromSeconds(85)), static () => "bench00").Cost!.Cost!.Value;

    /// <summary>A weekday hour from 07:50 crosses the 08:00, 08:20 and 08:40 timing edges.</summary>
    [Benchmark]
    public decimal OneHour_ThreeTimingBoundaries() =>
        _timed.GetCost(Call("1001", "4420", Instant.FromUtc(2014, 8, 4, 7, 50), Duration.FromHours(1))).CallCost!.Cost;

    private static CallDescriptor Call(string subject, string destination, Instant start, Duration usage) => new()
    {
        Tenant = "cgrates.org",
        Category = "call",
        Subject = subject,
        Destination = destination,
        TimeStart = start,
        TimeEnd = start + usage,
    };

    private static RatingDataSet Load(string plan)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", plan);
        var options = new TariffPlanReadOptions(DateTimeZone.Utc, SystemClock.Instance.GetCurrentInstant());
        var read = TariffPlanReader.ReadFolder(folder, options);
        return RatingDataBuilder.Build(read.Plan, options).Data;
    }

    /// <summary>A plan with weekday timings from 00:00, 08:00, 08:20 and 08:40.</summary>
    private static RatingDataSet ThreeTimingPlan()
    {
        var table = new RateTable("RT_MIN", 0.1m, Obol.Primitives.RoundingMethod.Up, 4, 0, "",
            [new RateSlot(Obol.Primitives.Usage.Zero, 0.6m, Obol.Primitives.Usage.FromSeconds(60), Obol.Primitives.Usage.FromSeconds(60)),
             new RateSlot(Obol.Primitives.Usage.FromSeconds(60), 0.3m, Obol.Primitives.Usage.FromSeconds(1), Obol.Primitives.Usage.FromSeconds(60))]);
        int[] weekdays = [1, 2, 3, 4, 5];
        RateInterval Interval(string id, int hour, int minute, decimal weight) =>
            new(new Timing(id, [], [], [], weekdays, new LocalTime(hour, minute), null, $"{hour:00}:{minute:00}:00"), table, weight);
        var plan = new RatingPlan("RP_TIMED", new Dictionary<string, RateInterval[]>
        {
            ["DST_UK"] = [Interval("NIGHT", 0, 0, 10), Interval("PEAK", 8, 0, 10), Interval("SHOULDER", 8, 20, 10), Interval("LATE", 8, 40, 10)],
        });
        var profile = new RatingProfile(new RatingProfileKey("cgrates.org", "call", "1001"),
            [new RatingPlanActivation(Instant.FromUtc(2010, 1, 1, 0, 0), "RP_TIMED", [])]);
        return new RatingDataSet(new Dictionary<string, string[]> { ["DST_UK"] = ["44", "4420"] }, [plan], [profile]);
    }
}
