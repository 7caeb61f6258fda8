namespace Obol.Agents.Kamailio;

/// <summary>
/// Runs the work for one call (keyed by OriginID) in arrival order while different calls run concurrently: a
/// CALL_END must never overtake its CALL_START, but one slow call must not hold up the others on the connection.
/// </summary>
internal sealed class CallSequencer
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Runs <paramref name="work"/> after the key's earlier work has finished (successfully or not).</summary>
    public Task Run(string key, Func<Task> work)
    {
        Task task;
        lock (_gate)
        {
            task = RunAfterAsync(_tails.GetValueOrDefault(key) ?? Task.CompletedTask, work);
            _tails[key] = task;
        }
        _ = task.ContinueWith(done => Forget(key, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Keys with work queued or running.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _tails.Count;
            }
        }
    }

    private static async Task RunAfterAsync(Task previous, Func<Task> work)
    {
        // Always yield, so the work never runs inside the lock; the earlier work logs its own failure.
        await previous.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        await work().ConfigureAwait(false);
    }

    private void Forget(string key, Task done)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(key, out var tail) && tail == done)
            {
                _tails.Remove(key);
            }
        }
    }
}
