using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Obol.Engine;

/// <summary>
/// CGRateS's CPU and memory profiling (cores/core.go: the <c>-cpuprof_dir</c>/<c>-memprof_dir</c> flags and the
/// CoreSv1 methods) done the .NET way: the engine opens an EventPipe session on itself. The CPU profile is
/// <c>cpu.nettrace</c>, the sampling profiler's stacks from start to stop (PerfView, <c>dotnet-trace convert</c>).
/// Each memory profile is a heap snapshot, <c>mem_N.nettrace</c> every interval and <c>mem_final.nettrace</c> at stop,
/// the events <c>dotnet-gcdump</c> collects (<c>dotnet-gcdump convert</c> makes a .gcdump of one); like Go's heap
/// profile, taking one runs a full collection.
/// </summary>
internal sealed class EngineProfiler(Action<string> logInfo, Action<string> logError) : IAsyncDisposable
{
    public const string CpuFile = "cpu.nettrace";
    public const string FinalMemoryFile = "mem_final.nettrace";

    // dotnet-trace's cpu-sampling profile: the sampler, and the runtime's default keywords for JIT and loader events.
    private const long RuntimeDefaultKeywords = 0x14C14FCCBD;

    // ClrTraceEventParser.Keywords.GCHeapSnapshot: GC | Type | GCHeapDump | GCHeapCollect | GCHeapAndTypeNames; enabling
    // it makes the runtime run a blocking gen2 collection that walks the heap.
    private const long HeapSnapshotKeywords = 0x1 | 0x80000 | 0x100000 | 0x800000 | 0x1000000;

    private static readonly TimeSpan s_heapWalkTimeout = TimeSpan.FromSeconds(60);

    private readonly Lock _cpuLock = new();
    private readonly SemaphoreSlim _memoryGate = new(1, 1);
    private Trace? _cpu;
    private bool _cpuStopped;
    private CancellationTokenSource? _memoryStop;
    private Task? _memoryLoop;

    /// <summary>Starts the CPU profile into <paramref name="dirPath"/>; null, or CGRateS's error text.</summary>
    public string? StartCpu(string dirPath)
    {
        lock (_cpuLock)
        {
            if (_cpu is not null)
            {
                return "start CPU profiling: already started";
            }
            try
            {
                _cpu = Trace.Start(Path.Combine(dirPath, CpuFile),
                    [
                        new EventPipeProvider("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
                        new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, RuntimeDefaultKeywords),
                    ]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DiagnosticsClientException or ServerNotAvailableException)
            {
                return $"could not start CPU profile: {e.Message}";
            }
            _cpuStopped = false;
            return null;
        }
    }

    /// <summary>Stops the CPU profile and completes its file; null, or CGRateS's error text.</summary>
    public async Task<string?> StopCpuAsync()
    {
        Trace? trace;
        lock (_cpuLock)
        {
            if (_cpu is null)
            {
                return _cpuStopped ? "stop CPU profiling: already stopped" : "stop CPU profiling: not started yet";
            }
            (trace, _cpu, _cpuStopped) = (_cpu, null, true);
        }
        try
        {
            await trace.StopAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or DiagnosticsClientException or ServerNotAvailableException)
        {
            return $"could not close profile file: {e.Message}";
        }
    }

    /// <summary>Starts writing a heap snapshot every <paramref name="interval"/>, keeping the newest
    /// <paramref name="maxFiles"/> (0: all); null, or CGRateS's error text.</summary>
    public async Task<string?> StartMemoryAsync(string dirPath, TimeSpan interval, int maxFiles, bool useTimestamp)
    {
        await _memoryGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_memoryStop is not null)
            {
                return "start memory profiling: already started";
            }
            logInfo($"<CoreS> starting memory profiling loop, writing to directory \"{dirPath}\"");
            _memoryStop = new CancellationTokenSource();
            var names = new MemoryFileNames(interval, useTimestamp);
            _memoryLoop = Task.Run(() => ProfileMemoryAsync(dirPath, interval <= TimeSpan.Zero ? TimeSpan.FromSeconds(15) : interval,
                Math.Max(0, maxFiles), names, _memoryStop.Token));
            return null;
        }
        finally
        {
            _memoryGate.Release();
        }
    }

    /// <summary>Stops the loop after its final snapshot; null, or CGRateS's error text.</summary>
    public async Task<string?> StopMemoryAsync()
    {
        await _memoryGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_memoryStop is null)
            {
                return _memoryLoop is null ? "stop memory profiling: not started yet" : "stop memory profiling: already stopped";
            }
            logInfo("<CoreS> stopping memory profiling loop");
            await _memoryStop.CancelAsync().ConfigureAwait(false);
            await _memoryLoop!.ConfigureAwait(false);
            _memoryStop.Dispose();
            _memoryStop = null;
            return null;
        }
        finally
        {
            _memoryGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cpu is not null)
        {
            await StopCpuAsync().ConfigureAwait(false);
        }
        if (_memoryStop is not null)
        {
            await StopMemoryAsync().ConfigureAwait(false);
        }
        _memoryGate.Dispose();
    }

    private async Task ProfileMemoryAsync(string dirPath, TimeSpan interval, int maxFiles, MemoryFileNames names, CancellationToken stop)
    {
        var kept = new Queue<string>();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var path = Path.Combine(dirPath, names.Next());
                if (!await TryWriteHeapSnapshotAsync(path).ConfigureAwait(false))
                {
                    // As CGRateS: a profile that cannot be written ends the loop, whose stop then writes the final one.
                    break;
                }
                kept.Enqueue(path);
                if (maxFiles > 0 && kept.Count > maxFiles)
                {
                    var oldest = kept.Dequeue();
                    logInfo($"<CoreS> removing old heap profile file \"{oldest}\"");
                    try
                    {
                        File.Delete(oldest);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // As CGRateS: the old file stays, the loop goes on.
                        logError($"<CoreS> {e.Message}");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        // After a snapshot that could not be written the loop waits for its stop, which writes the final one.
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await TryWriteHeapSnapshotAsync(Path.Combine(dirPath, FinalMemoryFile)).ConfigureAwait(false);
    }

    private async Task<bool> TryWriteHeapSnapshotAsync(string path)
    {
        logInfo($"<CoreS> writing heap profile to \"{path}\"");
        try
        {
            var collections = GC.CollectionCount(2);
            var trace = Trace.Start(path,
                [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, HeapSnapshotKeywords)], rundown: false, bufferMb: 256);
            // The runtime walks the heap inside the collection the session asks for: once a gen2 collection has run, the
            // walk's events are in the session's buffer and stopping it flushes them to the file.
            var waited = TimeSpan.Zero;
            while (GC.CollectionCount(2) == collections && waited < s_heapWalkTimeout)
            {
                await Task.Delay(50).ConfigureAwait(false);
                waited += TimeSpan.FromMilliseconds(50);
            }
            await trace.StopAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DiagnosticsClientException or ServerNotAvailableException)
        {
            logError($"<CoreS> could not write memory profile: {e.Message}");
            return false;
        }
    }

    /// <summary>One EventPipe session on this process, its stream copied to a file.</summary>
    private sealed class Trace(EventPipeSession session, FileStream file, Task copy)
    {
        public static Trace Start(string path, EventPipeProvider[] providers, bool rundown = true, int bufferMb = 64)
        {
            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            try
            {
                var session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(providers, rundown, bufferMb);
                return new Trace(session, file, session.EventStream.CopyToAsync(file));
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        public async Task StopAsync()
        {
            try
            {
                await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await copy.ConfigureAwait(false);
            }
            finally
            {
                session.Dispose();
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>cores.newMemProfNameFunc: <c>mem_1</c>, <c>mem_2</c>… or the time, with microseconds under a
    /// one-second interval.</summary>
    private sealed class MemoryFileNames(TimeSpan interval, bool useTimestamp)
    {
        private int _count;

        public string Next()
        {
            if (!useTimestamp)
            {
                return $"mem_{++_count}.nettrace";
            }
            var now = DateTime.Now;
            return interval < TimeSpan.FromSeconds(1)
                ? $"mem_{now:yyyyMMddHHmmss}_{now.Ticks % TimeSpan.TicksPerSecond / 10}.nettrace"
                : $"mem_{now:yyyyMMddHHmmss}.nettrace";
        }
    }
}
