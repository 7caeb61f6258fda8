using Obol.Events;
using Obol.Primitives;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    private void StartLoops(Session session, Usage interval)
    {
        var start = time.GetUtcNow();
        foreach (var run in session.Runs.Where(r => r.IsPrepaid))
        {
            session.Loops.Add(DebitLoopAsync(session, run, interval, start, session.LoopStop.Token));
        }
    }

    /// <summary>
    /// debitLoopSession: tick k debits one interval at start + k·interval (ticks due at the same instant run back to back).
    /// A grant short of the interval waits the granted time and disconnects with INSUFFICIENT_CREDIT; a failed debit
    /// disconnects at once with SERVER_ERROR (or UNAUTHORIZED_DESTINATION).
    /// </summary>
    private async Task DebitLoopAsync(Session session, SessionRun run, Usage interval, DateTimeOffset start, CancellationToken stop)
    {
        var step = TimeSpan.FromTicks(interval.Nanoseconds / 100);
        try
        {
            for (var tick = 0L; ; tick++)
            {
                await DelayUntilAsync(start + (step * tick), stop).ConfigureAwait(false);
                var (granted, error, closed) = await LoopDebitAsync(session, run, interval, stop).ConfigureAwait(false);
                if (closed)
                {
                    return;
                }
                if (error is not null)
                {
                    await DisconnectAsync(session, error == ErrorCodes.UnauthorizedDestination ? error : ErrorCodes.ServerError)
                        .ConfigureAwait(false);
                    return;
                }
                if (granted < interval)
                {
                    WarnLowBalance(session, granted, interval);
                    await Task.Delay(TimeSpan.FromTicks(granted.Nanoseconds / 100), time, stop).ConfigureAwait(false);
                    await DisconnectAsync(session, ErrorCodes.InsufficientCredit).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // terminated: the loop ends quietly
        }
    }

    /// <summary>min_dur_low_balance: the agent is warned (AgentV1.WarnDisconnect, in the background) when what is left is
    /// at most that long; a threshold not below the debit interval could never fire, and is logged once per call instead.</summary>
    private void WarnLowBalance(Session session, Usage left, Usage interval)
    {
        if (options.MinDurLowBalance is not { } minimum || minimum <= Usage.Zero)
        {
            return;
        }
        if (minimum >= interval)
        {
            options.Warn?.Invoke($"<SessionS> can not run warning for the session: <{session.CgrId}> since the remaining time:<{minimum}> is higher than the debit interval:<{interval}>.");
            return;
        }
        if (left <= minimum)
        {
            _ = disconnector.WarnLowBalanceAsync(session, CancellationToken.None);
        }
    }

    private async Task DelayUntilAsync(DateTimeOffset due, CancellationToken stop)
    {
        var wait = due - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, stop).ConfigureAwait(false);
        }
        stop.ThrowIfCancellationRequested();
    }

    private async Task<(Usage Granted, string? Error, bool Closed)> LoopDebitAsync(Session session, SessionRun run, Usage interval,
        CancellationToken stop)
    {
        await session.Lock.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            if (session.IsClosed)
            {
                return (Usage.Zero, null, true);
            }
            var (granted, error) = await DebitRunAsync(session, run, interval, null, CancellationToken.None).ConfigureAwait(false);
            return (granted, error, false);
        }
        finally
        {
            session.Lock.Release();
        }
    }

    /// <summary>
    /// Asks the agent up to terminate_attempts times (Fibonacci pauses in milliseconds between tries, as CGRateS); if it
    /// never accepts, ends the session on our side with FORCED_DISCONNECT.
    /// </summary>
    private async Task DisconnectAsync(Session session, string reason)
    {
        var ev = session.StartEvent.Clone();
        ev.Event[EventFields.Usage] = session.TotalUsage;
        ev.Event[EventFields.DisconnectCause] = reason;
        var request = new SessionDisconnect(session.CgrId, session.ClientId, ev, reason);
        var (previous, pause) = (0, 1);
        for (var attempt = 0; attempt < Math.Max(1, options.TerminateAttempts); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(pause).ConfigureAwait(false);
                (previous, pause) = (pause, previous + pause);
            }
            if (await disconnector.DisconnectAsync(request, CancellationToken.None).ConfigureAwait(false) is null)
            {
                return;
            }
        }
        await ForceEndAsync(session, Usage.Zero, null, null, ForcedDisconnect).ConfigureAwait(false);
    }
}
