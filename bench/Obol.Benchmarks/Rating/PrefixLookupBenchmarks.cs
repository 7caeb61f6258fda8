using BenchmarkDotNet.Attributes;
using Obol.Rating;

namespace Obol.Benchmarks.Rating;

/// <summary>Longest-prefix lookup over 1,000,000 random prefixes (issue 2 target: ≤ 150 ns, no allocation).</summary>
[MemoryDiagnoser]
public class PrefixLookupBenchmarks
{
    private const int Queries = 4096;
    private PrefixIndex<DestinationEntry> _index = null!;
    private string[] _numbers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var entries = new Dictionary<string, DestinationEntry>(1_000_000);
        while (entries.Count < 1_000_000)
        {
            var prefix = RandomDigits(random, random.Next(4, 12));
            entries[prefix] = new DestinationEntry(prefix, ["DST_" + entries.Count]);
        }
        _index = new PrefixIndex<DestinationEntry>(entries);
        var prefixes = entries.Keys.ToArray();
        _numbers = new string[Queries];
        for (var i = 0; i < Queries; i++)
        {
            // Half the numbers extend a known prefix, half are random E.164-length numbers.
            _numbers[i] = i % 2 == 0
                ? prefixes[random.Next(prefixes.Length)] + RandomDigits(random, 4)
                : RandomDigits(random, 12);
        }
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int LongestPrefix()
    {
        var found = 0;
        foreach (var number in _numbers)
        {
            if (_index.TryGetLongest(number, out _, out var length))
            {
                found += length;
            }
        }
        return found;
    }

    private static string RandomDigits(Random random, int length) =>
        string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + r.Next(10));
            }
        });
}
