namespace Obol.Esl;

/// <summary>
/// Fibonacci back-off between reconnect attempts, as CGRateS uses for its FreeSWITCH connections (utils.FibDuration):
/// attempt 1, 2, 3, 4, 5, ... waits 1, 1, 2, 3, 5, ... units, capped at <see cref="MaxDelay"/>.
/// </summary>
public sealed class EslReconnectPolicy
{
    /// <param name="maxAttempts">Attempts before giving up; -1 retries forever (CGRateS <c>reconnects</c>, default 5).</param>
    /// <param name="unit">Length of one Fibonacci step; one second when null.</param>
    /// <param name="maxDelay">
    /// Longest wait (CGRateS <c>max_reconnect_interval</c>); null or zero means no cap short of
    /// <see cref="LongestDelay"/>.
    /// </param>
    public EslReconnectPolicy(int maxAttempts = 5, TimeSpan? unit = null, TimeSpan? maxDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, -1);
        var step = unit ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero, nameof(unit));
        var cap = maxDelay ?? TimeSpan.Zero;
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, TimeSpan.Zero, nameof(maxDelay));
        MaxAttempts = maxAttempts;
        Unit = step;
        MaxDelay = cap;
    }

    /// <summary>The longest wait <see cref="Task.Delay(TimeSpan)"/> accepts (about 49.7 days): the cap of an uncapped policy.</summary>
    public static TimeSpan LongestDelay { get; } = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public int MaxAttempts { get; }

    public TimeSpan Unit { get; }

    /// <summary>Upper bound of a single delay as configured; <see cref="TimeSpan.Zero"/> when uncapped.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The wait before reconnect attempt <paramref name="attempt"/> (1-based); false once the attempts are used up.</summary>
    public bool TryGetDelay(int attempt, out TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        delay = TimeSpan.Zero;
        if (MaxAttempts != -1 && attempt > MaxAttempts)
        {
            return false;
        }

        var limit = MaxDelay > TimeSpan.Zero && MaxDelay < LongestDelay ? MaxDelay : LongestDelay;
        long previous = 0, current = 1;
        for (var i = 1; i < attempt; i++)
        {
            (previous, current) = (current, previous + current);
            if (current > limit.Ticks / Unit.Ticks)
            {
                delay = limit;
                return true;
            }
        }
        delay = current > limit.Ticks / Unit.Ticks ? limit : TimeSpan.FromTicks(current * Unit.Ticks);
        return true;
    }
}
