using Obol.Primitives;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    /// <summary>DisconnectCause of a session ended by <c>session_ttl</c> (utils.SessionTimeout).</summary>
    public const string SessionTimeout = "SESSION_TIMEOUT";

    /// <summary>
    /// forceSTerminate: ends an active session from the engine's side. <paramref name="extraUsage"/> is debited first on
    /// every prepaid run (a stale channel's random extra, or the TTL's last usage), then the session is settled as a
    /// terminate would, with <paramref name="cause"/> as its DisconnectCause. Found is false when no such session is
    /// active; Error is the first run's failure to settle, if any.
    /// </summary>
    public async Task<(bool Found, string? Error)> ForceTerminateAsync(string cgrId, string cause, Usage extraUsage = default, Usage? usage = null,
        Usage? lastUsed = null)
    {
        if (!_active.TryGetValue(cgrId, out var session))
        {
            return (false, null);
        }
        return (true, await ForceEndAsync(session, extraUsage, usage, lastUsed, cause).ConfigureAwait(false));
    }

    private async Task<string?> ForceEndAsync(Session session, Usage extraUsage, Usage? usage, Usage? lastUsed, string cause)
    {
        // Not awaited: the caller may be the loop's own tick (a disconnect nobody accepted).
        _ = StopLoopsAsync(session);
        if (extraUsage > Usage.Zero)
        {
            await session.Lock.WaitAsync().ConfigureAwait(false);
            try
            {
                foreach (var run in session.Runs.Where(r => r.IsPrepaid && !session.IsClosed))
                {
                    await DebitRunAsync(session, run, extraUsage, lastUsed, CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                session.Lock.Release();
            }
        }
        var (ended, error) = await EndAsync(session, usage, lastUsed, cause, CancellationToken.None).ConfigureAwait(false);
        if (ended)
        {
            await disconnector.SessionForcedEndAsync(session, CancellationToken.None).ConfigureAwait(false);
        }
        return error;
    }

    /// <summary>setSTerminator: (re)arms the session's TTL; when it fires the session is ended with SESSION_TIMEOUT after
    /// debiting its last usage (session_ttl_last_usage, else the TTL itself).</summary>
    private void ArmTtl(Session session)
    {
        if (_options.SessionTtl <= Usage.Zero)
        {
            return;
        }
        var ttl = _options.SessionTtl;
        if (_options.SessionTtlMaxDelay is { Nanoseconds: > 0 } maxDelay)
        {
            ttl += new Usage(Random.Shared.NextInt64(maxDelay.Nanoseconds / 1_000_000) * 1_000_000);
        }
        var due = TimeSpan.FromTicks(ttl.Nanoseconds / 100);
        if (session.TtlTimer is { } timer)
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
            return;
        }
        session.TtlTimer = time.CreateTimer(_ => _ = ForceEndAsync(session, _options.SessionTtlLastUsage ?? ttl, _options.SessionTtlUsage,
            _options.SessionTtlLastUsed, SessionTimeout), null, due, Timeout.InfiniteTimeSpan);
    }
}
