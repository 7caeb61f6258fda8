using System.Collections.Concurrent;

namespace Obol.Api.JsonRpc.Tests;

/// <summary>
/// <c>Block.Wait</c> handlers that park until the test releases them, reporting each entry: in-flight requests without
/// sleeps. The argument names the gate.
/// </summary>
internal sealed class BlockingService
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _entered = new();
    private int _current;
    private int _maximum;

    public int MaximumConcurrent => Volatile.Read(ref _maximum);

    /// <summary>Released by the handler's cancellation token, with the reason.</summary>
    public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Register(JsonRpcDispatcher dispatcher) => dispatcher.Add<string, string>("Block.Wait", WaitAsync);

    public Task Entered(string gate) => Source(_entered, gate).Task.WaitAsync(Guard.Timeout);

    public void Release(string gate) => Source(_gates, gate).TrySetResult();

    private async ValueTask<RpcResult<string>> WaitAsync(string gate, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _current);
        InterlockedMax(ref _maximum, now);
        Source(_entered, gate).TrySetResult();
        try
        {
            await Source(_gates, gate).Task.WaitAsync(cancellationToken);
            return $"released {gate}";
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult(gate);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    private static TaskCompletionSource Source(ConcurrentDictionary<string, TaskCompletionSource> sources, string gate) =>
        sources.GetOrAdd(gate, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
