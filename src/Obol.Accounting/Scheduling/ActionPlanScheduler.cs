using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// Runs action plans on time (CGRateS parity: scheduler/scheduler.go). Keeps one queue of runs ordered by time, then
/// weight; a background loop sleeps on a <see cref="TimeProvider"/> timer until the first is due, hands each due
/// run to the <see cref="IActionPlanRunner"/>, then queues a recurring timing again at its next start time after
/// now + 1s and drops a one-shot. Every next run is written to the <see cref="IScheduleStore"/> before the run
/// starts, so a restart resumes the schedule and never repeats a run that started (at most once).
/// </summary>
public sealed class ActionPlanScheduler : IAsyncDisposable
{
    // Bounds every sleep so a wall-clock jump delays a run by at most this much.
    private static readonly TimeSpan s_maxSleep = TimeSpan.FromMinutes(1);

    // CGRateS parity: Scheduler.Loop reschedules from time.Now().Add(time.Second).
    private static readonly Duration s_rescheduleGap = Duration.FromSeconds(1);

    private readonly IActionPlanRunner _runner;
    private readonly IScheduleStore _store;
    private readonly DateTimeZone _zone;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // Held by a reload and by the processing of due runs, so neither sees the other's store writes half done.
    private readonly SemaphoreSlim _processing = new(1, 1);

    private List<QueuedRun> _queue = [];
    private long _sequence;
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource? _idle;
    private ITimer? _timer;
    private bool _waiting;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private bool _disposed;

    /// <summary>Timings are evaluated in the wall clock of <paramref name="zone"/> (CGRateS: the server's local
    /// zone); <paramref name="timeProvider"/> defaults to the system clock.</summary>
    public ActionPlanScheduler(IActionPlanRunner runner, IScheduleStore store, DateTimeZone zone, TimeProvider? timeProvider = null)
    {
        _runner = runner;
        _store = store;
        _zone = zone;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A run or a store write failed; the loop goes on. Handlers run on the loop and must not block.</summary>
    public event EventHandler<SchedulerFaultEventArgs>? Faulted;

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _loop is { IsCompleted: false };
            }
        }
    }

    /// <summary>
    /// Replaces the queue with <paramref name="plans"/> (all of them, not a delta). Timings the store knows resume
    /// at their stored next run; new ones start from now; <c>*asap</c> timings queue once for every bound account
    /// that has not had them yet. Store entries of timings no longer present are removed. Waits for a run in
    /// progress to finish first.
    /// </summary>
    public async Task ReloadAsync(IEnumerable<ActionPlan> plans, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _processing.WaitAsync(cancellationToken);
        try
        {
            var stored = await _store.LoadAsync(cancellationToken);
            var built = ScheduleQueue.Build(plans, stored, Now(), _zone);
            if (built.Saves.Count > 0)
            {
                await _store.SaveAsync(built.Saves, cancellationToken);
            }
            if (built.Stale.Count > 0)
            {
                await _store.RemoveAsync(built.Stale, cancellationToken);
            }
            lock (_gate)
            {
                _queue = [.. built.Runs.Select(r => r with { Sequence = ++_sequence }).Order(QueuedRunOrder.Instance)];
                _wake.TrySetResult();
            }
        }
        finally
        {
            _processing.Release();
        }
    }

    /// <summary>Starts the background loop; runs already due (<c>*asap</c>, missed ones) start at once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loop is not null)
            {
                throw new InvalidOperationException("the scheduler is already running");
            }
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            _loop = Task.Run(() => LoopAsync(token), CancellationToken.None);
        }
    }

    /// <summary>Stops the loop, cancelling a run in progress through its token, and waits for it to end.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? stop;
        Task? loop;
        lock (_gate)
        {
            (stop, loop) = (_stop, _loop);
        }
        if (stop is null || loop is null)
        {
            return;
        }
        await stop.CancelAsync();
        await loop;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _waiting = false;
            _idle?.TrySetResult();
            (_stop, _loop) = (null, null);
        }
        stop.Dispose();
    }

    /// <summary>The queue in run order (CGRateS parity: Scheduler.GetScheduledActions).</summary>
    public IReadOnlyList<ScheduledAction> GetScheduledActions()
    {
        lock (_gate)
        {
            return [.. _queue.Select(r => r.Describe())];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        await StopAsync();
        _disposed = true;
        _processing.Dispose();
    }

    /// <summary>Completes once the loop sleeps with nothing due: lets a loader report that the <c>*asap</c> actions
    /// have run, and tests observe a settled scheduler after they move a fake clock, instead of sleeping.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_loop is not { IsCompleted: false })
                {
                    return;
                }
                var due = _queue.Count > 0 && _queue[0].Due <= Now();
                if (_waiting && !due)
                {
                    return;
                }
                if (_waiting)
                {
                    // A timer created just before the clock moved fires late; nudge the loop.
                    _wake.TrySetResult();
                }
                _idle ??= NewSignal();
                next = _idle.Task;
            }
            await next;
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        await using var wakeOnStop = stop.Register(static s => ((ActionPlanScheduler)s!).Wake(), this);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stop);
                await SleepAsync();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunDueAsync(CancellationToken stop)
    {
        await _processing.WaitAsync(stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                QueuedRun run;
                Instant now;
                lock (_gate)
                {
                    now = Now();
                    if (_queue.Count == 0 || _queue[0].Due > now)
                    {
                        return;
                    }
                    run = _queue[0];
                    _queue.RemoveAt(0);
                }
                await AdvanceAsync(run, now, stop);
                await ExecuteAsync(run, stop);
            }
        }
        finally
        {
            _processing.Release();
        }
    }

    /// <summary>Queues the run's successor and records it before the run starts.</summary>
    private async Task AdvanceAsync(QueuedRun run, Instant now, CancellationToken stop)
    {
        var saves = new Dictionary<string, Instant>(StringComparer.Ordinal);
        string? removed = null;
        if (run.Timing.Schedule.IsOneShot)
        {
            foreach (var key in run.ConsumeKeys)
            {
                saves[key] = ScheduleStore.Consumed;
            }
        }
        else if (run.Timing.Schedule.NextStartTime(now + s_rescheduleGap, _zone) is { } next)
        {
            saves[run.Key] = next;
            lock (_gate)
            {
                Enqueue(run with { Due = next, Sequence = ++_sequence });
            }
        }
        else
        {
            removed = run.Key;
        }
        try
        {
            if (saves.Count > 0)
            {
                await _store.SaveAsync(saves, stop);
            }
            if (removed is not null)
            {
                await _store.RemoveAsync(removed, stop);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Report(e, run);
        }
    }

    private async Task ExecuteAsync(QueuedRun run, CancellationToken stop)
    {
        try
        {
            await _runner.RunAsync(run.Timing.ActionsId, run.AccountIds, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A failing action list must not stop the schedule of every other plan.
            Report(e, run);
        }
    }

    private async Task SleepAsync()
    {
        Task signal;
        lock (_gate)
        {
            var now = Now();
            if (_queue.Count > 0 && _queue[0].Due <= now)
            {
                return;
            }
            _wake = NewSignal();
            signal = _wake.Task;
            _timer ??= _time.CreateTimer(static s => ((ActionPlanScheduler)s!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(_queue.Count == 0 ? Timeout.InfiniteTimeSpan : SleepFor(_queue[0].Due - now), Timeout.InfiniteTimeSpan);
            _waiting = true;
            _idle?.TrySetResult();
            _idle = null;
        }
        await signal;
        lock (_gate)
        {
            _waiting = false;
        }
    }

    private static TimeSpan SleepFor(Duration untilDue)
    {
        // Whole milliseconds rounded up: a timer that fired a fraction early would find nothing due.
        var sleep = TimeSpan.FromMilliseconds(Math.Ceiling(untilDue.TotalMilliseconds));
        return sleep < s_maxSleep ? sleep : s_maxSleep;
    }

    private void Enqueue(QueuedRun run)
    {
        var i = _queue.BinarySearch(run, QueuedRunOrder.Instance);
        _queue.Insert(i >= 0 ? i : ~i, run);
    }

    private void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }

    private void Report(Exception exception, QueuedRun run)
    {
        var handler = Faulted;
        if (handler is null)
        {
            return;
        }
        try
        {
            handler(this, new SchedulerFaultEventArgs(exception, run.PlanId, run.Timing.Uuid, run.Timing.ActionsId));
        }
#pragma warning disable CA1031 // a logging hook that throws must not take the loop down with it
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
