namespace Obol.Esl;

/// <summary>Timeouts of an <see cref="EslClient"/>.</summary>
public sealed class EslClientOptions
{
    /// <summary>How long a command waits for its reply (CGRateS <c>reply_timeout</c>, default one minute).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Budget for TCP connect plus authentication.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
