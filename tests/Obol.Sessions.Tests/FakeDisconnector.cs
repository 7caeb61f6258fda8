namespace Obol.Sessions.Tests;

internal sealed class FakeDisconnector : ISessionDisconnector
{
    private readonly Lock _gate = new();
    private readonly List<(SessionDisconnect Request, DateTimeOffset At)> _requests = [];

    public required TimeProvider Time { get; init; }

    public string? Refuse { get; set; }

    public IReadOnlyList<(SessionDisconnect Request, DateTimeOffset At)> Requests { get { lock (_gate) { return [.. _requests]; } } }

    private readonly List<Session> _forcedEnds = [];

    private int _lowBalanceWarnings;

    public int LowBalanceWarnings => Volatile.Read(ref _lowBalanceWarnings);

    public Task WarnLowBalanceAsync(Session session, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lowBalanceWarnings);
        return Task.CompletedTask;
    }

    public IReadOnlyList<Session> ForcedEnds { get { lock (_gate) { return [.. _forcedEnds]; } } }

    public Task SessionForcedEndAsync(Session session, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _forcedEnds.Add(session);
        }
        return Task.CompletedTask;
    }

    public Task<string?> DisconnectAsync(SessionDisconnect request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _requests.Add((request, Time.GetUtcNow()));
        }
        return Task.FromResult(Refuse);
    }
}
