using Obol.Events;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary>
/// The agents SessionS can call back: the BiRPC connections, and the agents running inside this engine
/// (<c>*birpc_internal</c>, as the FreeSWITCH agent is), which register under their client id once they exist.
/// </summary>
internal sealed class InternalAgents(ISessionClients birpc) : ISessionClients
{
    private readonly Dictionary<string, IInternalAgent> _agents = new(StringComparer.Ordinal);

    public void Register(string clientId, IInternalAgent agent) => _agents[clientId] = agent;

    public IReadOnlyCollection<string> ClientIds => [.. birpc.ClientIds, .. _agents.Keys];

    public Task<string?> DisconnectAsync(string clientId, DisconnectRequest request, CancellationToken cancellationToken) =>
        _agents.TryGetValue(clientId, out var agent) ? agent.DisconnectSessionAsync(request.Event, cancellationToken)
            : birpc.DisconnectAsync(clientId, request, cancellationToken);

    public Task<string?> WarnDisconnectAsync(string clientId, CgrEvent startEvent, CancellationToken cancellationToken) =>
        _agents.TryGetValue(clientId, out var agent) ? agent.WarnDisconnectAsync(startEvent, cancellationToken)
            : birpc.WarnDisconnectAsync(clientId, startEvent, cancellationToken);

    public async Task<IReadOnlyList<(string OriginHost, string OriginId)>?> GetActiveSessionIdsAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!_agents.TryGetValue(clientId, out var agent))
        {
            return await birpc.GetActiveSessionIdsAsync(clientId, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return await agent.GetActiveSessionIdsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            return null;
        }
    }
}

/// <summary>What SessionS needs of an agent running in this engine.</summary>
internal interface IInternalAgent
{
    Task<string?> DisconnectSessionAsync(CgrEvent ev, CancellationToken cancellationToken);

    Task<string?> WarnDisconnectAsync(CgrEvent ev, CancellationToken cancellationToken);

    Task<IReadOnlyList<(string OriginHost, string OriginId)>> GetActiveSessionIdsAsync(CancellationToken cancellationToken);
}
