using BenchmarkDotNet.Attributes;
using Obol.Cdrs;

namespace Obol.Benchmarks.Cdrs;

/// <summary>
/// The CGRID every request that names a call computes (SHA-1 of OriginID and OriginHost, a FreeSWITCH UUID and an IP
/// here), and the random event IDs CDRs give the events they build.
/// </summary>
[MemoryDiagnoser]
public class CgridBenchmarks
{
    private const string OriginId = "3c2b0b0e-6d0a-4a55-9d1e-2f0d2b7c9e41";
    private const string OriginHost = "10.10.10.10";

    [Benchmark]
    public string Compute() => Cgrid.Compute(OriginId, OriginHost);

    [Benchmark]
    public string NewEventId() => Cgrid.NewEventId();
}
