using Obol.Primitives;

namespace Obol.Sessions;

/// <summary>
/// debitLoopSession for one prepaid run: tick k debits one interval at start + k·interval (ticks due at the same
/// instant run back to back). A grant short of the interval waits the granted time and disconnects with
/// INSUFFICIENT_CREDIT; a failed debit disconnects at once with SERVER_ERROR (or UNAUTHORIZED_DESTINATION). Between
/// ticks the loop is one timer, not a waiting task: an engine holds tens of thousands of calls, and a suspended async
/// loop with its delay and cancellation plumbing cost about 0.9 KB each.
/// </summary>
internal sealed class DebitLoop(SessionManager manager, Session session, SessionRun run, Usage interval, DateTimeOffset start,
    TimeProvider time)
{
    private readonly TimeSpan _step = TimeSpan.FromTicks(interval.Nanoseconds / 100);
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _tick;
    private long _nextDueTicks;
    private string? _disconnectWhenDue;
    private volatile bool _stopped;
    private Task _running = Task.CompletedTask;

    public bool IsStopped => _stopped;

    public SessionRun Run => run;

    /// <summary>SRun.NextAutoDebit: when the next tick (or the disconnect a short grant leads to) is due; null once
    /// stopped.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            var ticks = Volatile.Read(ref _nextDueTicks);
            return _stopped || ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Runs tick 0 now: its debit is under way when this returns, and tick 1 is already the one due next, so a
    /// listing made before tick 0's debit ends shows it.</summary>
    public void Start()
    {
        Volatile.Write(ref _nextDueTicks, (start + _step).UtcTicks);
        _running = RunAsync();
    }

    /// <summary>No tick starts after this; the returned task ends with the tick in flight, if any.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer?.Dispose();
        }
        return _running;
    }

    private async Task RunAsync()
    {
        try
        {
            if (_disconnectWhenDue is { } reason)
            {
                if (!_stopped)
                {
                    await manager.DisconnectAsync(session, reason).ConfigureAwait(false);
                }
                return;
            }
            while (!_stopped)
            {
                var (granted, error, closed) = await manager.LoopDebitAsync(session, run, interval, this).ConfigureAwait(false);
                if (closed)
                {
                    return;
                }
                if (error is not null)
                {
                    await manager.DisconnectAsync(session, error == ErrorCodes.UnauthorizedDestination ? error : ErrorCodes.ServerError)
                        .ConfigureAwait(false);
                    return;
                }
                if (granted < interval)
                {
                    manager.WarnLowBalance(session, granted, interval);
                    _disconnectWhenDue = ErrorCodes.InsufficientCredit;
                    Schedule(TimeSpan.FromTicks(granted.Nanoseconds / 100));
                    return;
                }
                _tick++;
                var wait = start + (_step * _tick) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    Schedule(wait);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // A tick runs on a timer: nobody awaits it to see the failure. Whether the debit happened is unknown, so the
            // call is not left running on credit nobody checked.
            manager.Warn($"<SessionS> debit loop of session <{session.CgrId}>, run <{run.RunId}> failed: {e.Message}");
            await DisconnectQuietlyAsync().ConfigureAwait(false);
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            if (!_stopped)
            {
                await manager.DisconnectAsync(session, ErrorCodes.ServerError).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            manager.Warn($"<SessionS> disconnecting session <{session.CgrId}> failed: {e.Message}");
        }
    }

    private void Schedule(TimeSpan due)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            Volatile.Write(ref _nextDueTicks, (time.GetUtcNow() + due).UtcTicks);
            if (_timer is null)
            {
                _timer = time.CreateTimer(static state => ((DebitLoop)state!).OnDue(), this, due, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnDue() => _running = RunAsync();
}
