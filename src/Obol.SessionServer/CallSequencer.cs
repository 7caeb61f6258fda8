namespace Obol.SessionServer;

/// <summary>
/// Runs an agent's work for one call (keyed by its OriginID or channel UUID) in arrival order while different calls
/// run concurrently: a call's end must never overtake its start (a postpaid call terminated before its initiation
/// completes leaves a session behind and its CDR uncharged), but one slow call must not hold up the others.
/// </summary>
public sealed class CallSequencer
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
