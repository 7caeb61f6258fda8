using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NodaTime;
using Obol.Primitives;

namespace Obol.Api.JsonRpc;

/// <summary>
/// The <c>CoreSv1.Status</c> map (cores/metrics.go StatusMetrics.toMapCondensed / toMap) filled from .NET's runtime:
/// Go's goroutines become thread-pool threads, its heap figures the GC's. Keys are CGRateS's.
/// </summary>
internal static class CoreStatus
{
    private static readonly string[] s_days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] s_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static RpcResult<Dictionary<string, object?>> Collect(string nodeId, string version, bool debug, string timezone)
    {
        using var process = Process.GetCurrentProcess();
        var startTime = Instant.FromDateTimeUtc(process.StartTime.ToUniversalTime());
        var startSeconds = startTime.ToUnixTimeSeconds();
        var gc = GC.GetGCMemoryInfo();
        var heapAlloc = GC.GetTotalMemory(forceFullCollection: false);
        // procfs reports CPU time in 10 ms ticks, which is what CGRateS prints.
        var cpuTime = new Usage(process.TotalProcessorTime.Ticks / 100_000 * 10_000_000);
        var map = new Dictionary<string, object?>
        {
            ["pid"] = (long)Environment.ProcessId,
            ["go_version"] = RuntimeInformation.FrameworkDescription,
            ["node_id"] = nodeId,
            ["version"] = version,
            ["goroutines"] = (long)ThreadPool.ThreadCount,
        };
        if (debug)
        {
            map["threads"] = (long)process.Threads.Count;
            map["mem_stats"] = new Dictionary<string, object?>
            {
                ["alloc"] = heapAlloc,
                ["total_alloc"] = GC.GetTotalAllocatedBytes(),
                ["sys"] = gc.TotalCommittedBytes,
                ["heap_alloc"] = heapAlloc,
                ["heap_sys"] = gc.HeapSizeBytes,
            };
            map["gc_duration_stats"] = new Dictionary<string, object?>
            {
                ["quantiles"] = Array.Empty<object>(),
                ["sum"] = GC.GetTotalPauseDuration().TotalSeconds,
                ["count"] = (long)GC.CollectionCount(0),
            };
            map["proc_stats"] = new Dictionary<string, object?>
            {
                ["cpu_time"] = cpuTime.Nanoseconds / 1e9,
                ["open_fds"] = OpenFileCount(process),
                ["resident_memory"] = process.WorkingSet64,
                ["start_time"] = startSeconds,
                ["virtual_memory"] = process.VirtualMemorySize64,
            };
            map["maxprocs"] = (long)Environment.ProcessorCount;
            map["mem_limit"] = gc.TotalAvailableMemoryBytes;
            map["caps_stats"] = null;
            return map;
        }
        if (GoTime.LoadLocation(timezone) is not { } zone)
        {
            // cores/core.go V1Status wraps the error of utils.ParseTimeDetectLayout (time.LoadLocation).
            return RpcResult.Fail($"could not convert StatusMetrics to map[string]any: unknown time zone {timezone}");
        }
        map["open_files"] = OpenFileCount(process);
        map["resident_memory"] = SizeFormat(process.WorkingSet64);
        map["active_memory"] = SizeFormat(heapAlloc);
        map["system_memory"] = SizeFormat(gc.TotalCommittedBytes);
        map["os_threads_in_use"] = (long)process.Threads.Count;
        map["running_since"] = UnixDate(Instant.FromUnixTimeSeconds(startSeconds).InZone(zone));
        map["cpu_time"] = cpuTime.ToString();
        return map;
    }

    /// <summary>Go's <c>time.UnixDate</c> layout, <c>Mon Jan _2 15:04:05 MST 2006</c>.</summary>
    internal static string UnixDate(ZonedDateTime time) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s_days[(int)time.DayOfWeek % 7]} {s_months[time.Month - 1]} {time.Day,2} {time.Hour:00}:{time.Minute:00}:{time.Second:00} {time.GetZoneInterval().Name} {time.Year}");

    /// <summary>CGRateS utils.SizeFmt: <c>%3.1f</c> with binary prefixes and a B suffix.</summary>
    internal static string SizeFormat(double bytes)
    {
        foreach (var unit in (ReadOnlySpan<string>)["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi"])
        {
            if (Math.Abs(bytes) < 1024.0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{bytes:F1}{unit}B");
            }
            bytes /= 1024.0;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes:F1}YiB");
    }

    private static long OpenFileCount(Process process)
    {
        const string FdDirectory = "/proc/self/fd";
        return Directory.Exists(FdDirectory) ? Directory.EnumerateFileSystemEntries(FdDirectory).LongCount() : process.HandleCount;
    }
}
