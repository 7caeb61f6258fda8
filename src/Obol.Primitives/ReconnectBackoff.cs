namespace Obol.Primitives;

/// <summary>
/// The delays between reconnect attempts as CGRateS spaces them (utils.FibDuration): unit × 1, 1, 2, 3, 5, 8...,
/// capped at the maximum: the kamailio_agent's evapi link and the ERs' broker readers. Not thread-safe; one per connection loop.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _unit;
    private readonly TimeSpan _max;
    private long _current;
    private long _next = 1;

    /// <param name="unit">The first delay.</param>
    /// <param name="max">The cap (max_reconnect_interval); zero or less means none.</param>
    public ReconnectBackoff(TimeSpan unit, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(unit, TimeSpan.Zero);
        _unit = unit;
        _max = max;
    }

    /// <summary>The longest delay handed out, the most Task.Delay accepts (about 49.7 days).</summary>
    public static TimeSpan LongestDelay { get; } = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public TimeSpan Next()
    {
        (_current, _next) = (_next, _current > long.MaxValue - _next ? _next : _current + _next);
        var delay = _current > LongestDelay.Ticks / _unit.Ticks ? LongestDelay : TimeSpan.FromTicks(_current * _unit.Ticks);
        return _max > TimeSpan.Zero && delay > _max ? _max : delay;
    }

    /// <summary>Back to the first delay, after a connection has been up.</summary>
    public void Reset()
    {
        _current = 0;
        _next = 1;
    }
}
