using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;
using Obol.TariffPlans;

namespace Obol.Benchmarks.TariffPlans;

/// <summary>
/// Reading and building a plan with 1,000,000 destination prefixes and 100,000 rating profiles (issue 2 target: ≤ 10 s).
/// One read takes seconds, so a few single-shot iterations suffice.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class TariffPlanReadBenchmarks
{
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "obol-large-plan");
        if (!File.Exists(Path.Combine(_folder, "RatingProfiles.csv")))
        {
            LargePlanGenerator.Write(_folder, prefixes: 1_000_000, profiles: 100_000);
        }
    }

    [Benchmark]
    public int ReadAndBuild_1MPrefixes_100kProfiles()
    {
        var options = new TariffPlanReadOptions(DateTimeZone.Utc, Instant.FromUtc(2026, 1, 1, 0, 0));
        var read = TariffPlanReader.ReadFolder(_folder, options);
        if (read.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, read.Errors.Take(5)));
        }
        var (data, _) = RatingDataBuilder.Build(read.Plan, options);
        return data.RatingProfiles.Count;
    }
}
