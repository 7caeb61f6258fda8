using Obol.Events;
using Obol.Logging;
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

    /// <summary>Registers an agent running in this engine and connects it in the background, so a switch that is down
    /// never holds the engine up.</summary>
    public void StartInBackground(string clientId, IInternalAgent agent, Func<CancellationToken, Task> start, string name, EngineLog log)
    {
        Register(clientId, agent);
        _ = Task.Run(async () =>
        {
            try
            {
                await start(CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                log.Error($"<{name}> {e.Message}");
            }
        });
    }

    public IReadOnlyCollection<string> ClientIds => [.. birpc.ClientIds, .. _agents.Keys];

    public Task<string?> DisconnectAsync(string clientId, DisconnectRequest request, CancellationToken cancellationToken) =>
        _agents.TryGetValue(clientId, out var agent) ? agent.DisconnectSessionAsync(request.Event, cancellationToken)
            : birpc.DisconnectAsync(clientId, request, cancellationToken);

    public Task<string?> WarnDisconnectAsync(string clientId, CgrEvent startEvent, CancellationToken cancellationToken) =>
        _agents.TryGetValue(clientId, out var agent) ? agent.WarnDisconnectAsync(startEvent, cancellationToken)
            : birpc.WarnDisconnectAsync(clientId, startEvent, cancellationToken);

    // The agents in this engine answer AlterSession NOT_IMPLEMENTED, as CGRateS's FreeSWITCH agent does: delivered.
    public Task<string?> AlterSessionAsync(string clientId, CgrEvent ev, CancellationToken cancellationToken) =>
        _agents.ContainsKey(clientId) ? Task.FromResult<string?>(null) : birpc.AlterSessionAsync(clientId, ev, cancellationToken);

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

/// <summary>An agent's callbacks as delegates to its methods.</summary>
internal sealed class AgentCallbacks(
    Func<CgrEvent, CancellationToken, Task<string?>> disconnect,
    Func<CgrEvent, CancellationToken, Task<string?>> warn,
    Func<CancellationToken, Task<IReadOnlyList<(string OriginHost, string OriginId)>>> list) : IInternalAgent
{
    public Task<string?> DisconnectSessionAsync(CgrEvent ev, CancellationToken cancellationToken) => disconnect(ev, cancellationToken);

    public Task<string?> WarnDisconnectAsync(CgrEvent ev, CancellationToken cancellationToken) => warn(ev, cancellationToken);

    public Task<IReadOnlyList<(string OriginHost, string OriginId)>> GetActiveSessionIdsAsync(CancellationToken cancellationToken) =>
        list(cancellationToken);
}

/// <summary>What SessionS needs of an agent running in this engine.</summary>
internal interface IInternalAgent
{
    Task<string?> DisconnectSessionAsync(CgrEvent ev, CancellationToken cancellationToken);

    Task<string?> WarnDisconnectAsync(CgrEvent ev, CancellationToken cancellationToken);

    Task<IReadOnlyList<(string OriginHost, string OriginId)>> GetActiveSessionIdsAsync(CancellationToken cancellationToken);
}
