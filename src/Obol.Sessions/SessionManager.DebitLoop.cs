using Obol.Events;
using Obol.Primitives;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    private void StartLoops(Session session, Usage interval)
    {
        var start = time.GetUtcNow();
        // An array, not a list: every held call keeps it, and most have one prepaid run.
        var loops = session.Runs.Where(r => r.IsPrepaid).Select(run => new DebitLoop(this, session, run, interval, start, time)).ToArray();
        session.Loops = loops.Length == 0 ? null : loops;
        foreach (var loop in loops)
        {
            loop.Start();
        }
    }

    /// <summary>Stops the session's debit loops; the task ends with their ticks in flight.</summary>
    private static Task StopLoopsAsync(Session session) =>
        session.Loops is not { } loops ? Task.CompletedTask
        : loops.Length == 1 ? loops[0].StopAsync()
        : Task.WhenAll(loops.Select(l => l.StopAsync()));

    internal void Warn(string message) => _options.Warn?.Invoke(message);

    /// <summary>min_dur_low_balance: the agent is warned (AgentV1.WarnDisconnect, in the background) when what is left is
    /// at most that long; a threshold not below the debit interval could never fire, and is logged once per call instead.</summary>
    internal void WarnLowBalance(Session session, Usage left, Usage interval)
    {
        if (_options.MinDurLowBalance is not { } minimum || minimum <= Usage.Zero)
        {
            return;
        }
        if (minimum >= interval)
        {
            _options.Warn?.Invoke($"<SessionS> can not run warning for the session: <{session.CgrId}> since the remaining time:<{minimum}> is higher than the debit interval:<{interval}>.");
            return;
        }
        if (left <= minimum)
        {
            _ = disconnector.WarnLowBalanceAsync(session, CancellationToken.None);
        }
    }

    internal async Task<(Usage Granted, string? Error, bool Closed)> LoopDebitAsync(Session session, SessionRun run, Usage interval,
        DebitLoop loop)
    {
        await session.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (session.IsClosed || loop.IsStopped)
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
    internal async Task DisconnectAsync(Session session, string reason)
    {
        var ev = session.Start.ToCgrEvent();
        ev.Event[EventFields.Usage] = session.TotalUsage;
        ev.Event[EventFields.DisconnectCause] = reason;
        var request = new SessionDisconnect(session.CgrId, session.ClientId, ev, reason);
        var (previous, pause) = (0, 1);
        for (var attempt = 0; attempt < Math.Max(1, _options.TerminateAttempts); attempt++)
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
