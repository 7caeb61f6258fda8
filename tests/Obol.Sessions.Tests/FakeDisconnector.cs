namespace Obol.Sessions.Tests;

internal sealed class FakeDisconnector : ISessionDisconnector
{
    private readonly Lock _gate = new();
    private readonly List<(SessionDisconnect Request, DateTimeOffset At)> _requests = [];

    public required TimeProvider Time { get; init; }

    public string? Refuse { get; set; }

    public IReadOnlyList<(SessionDisconnect Request, DateTimeOffset At)> Requests { get { lock (_gate) { return [.. _requests]; } } }

    public Task<string?> DisconnectAsync(SessionDisconnect request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _requests.Add((request, Time.GetUtcNow()));
        }
        return Task.FromResult(Refuse);
    }
}
