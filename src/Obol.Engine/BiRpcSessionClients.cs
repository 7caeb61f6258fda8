using System.Text.Json.Serialization;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.Primitives;
using Obol.SessionServer;

namespace Obol.Engine;

/// <summary>
/// SessionS's view of the agents on the BiRPC listener: the call names follow <c>sessions.client_protocol</c> as
/// CGRateS chooses them (2.0 <c>AgentV1.*</c>; 1.0 OpenSIPS 3's <c>SessionSv1.*</c>; 0 OpenSIPS 2.3's <c>SMGClientV1.*</c>).
/// </summary>
internal sealed class BiRpcSessionClients(BiRpcServer server, decimal protocol, IClock clock) : ISessionClients
{
    public IReadOnlyCollection<string> ClientIds => [.. server.Connections.Where(c => c.IsConnected).Select(SessionSv1Service.BiRpcClientId)];

    public Task<string?> DisconnectAsync(string clientId, DisconnectRequest request, CancellationToken cancellationToken) =>
        CallAsync(clientId, "AgentV1.DisconnectSession", connection =>
        {
            if (protocol >= 2)
            {
                var args = new CgrEvent { Id = Guid.NewGuid().ToString(), Time = clock.GetCurrentInstant(), Event = request.Event.Event };
                return connection.CallAsync<CgrEvent, string>("AgentV1.DisconnectSession", args, cancellationToken);
            }
            var method = protocol >= 1 ? "SessionSv1.DisconnectSession" : "SMGClientV1.DisconnectSession";
            return connection.CallAsync<LegacyDisconnect, string>(method, new LegacyDisconnect(request.Event.Event, request.Reason), cancellationToken);
        });

    public Task<string?> WarnDisconnectAsync(string clientId, CgrEvent startEvent, CancellationToken cancellationToken) =>
        CallAsync(clientId, "AgentV1.WarnDisconnect",
            connection => connection.CallAsync<Dictionary<string, object?>, string>("AgentV1.WarnDisconnect", startEvent.Event, cancellationToken));

    public Task<string?> AlterSessionAsync(string clientId, CgrEvent ev, CancellationToken cancellationToken) =>
        CallAsync(clientId, "AgentV1.AlterSession", connection => connection.CallAsync<CgrEvent, string>("AgentV1.AlterSession", ev, cancellationToken));

    public async Task<IReadOnlyList<(string OriginHost, string OriginId)>?> GetActiveSessionIdsAsync(string clientId, CancellationToken cancellationToken)
    {
        if (Find(clientId) is not { } connection)
        {
            return null;
        }
        var method = protocol >= 2 ? "AgentV1.GetActiveSessionIDs" : "SessionSv1.GetActiveSessionIDs";
        try
        {
            var ids = await connection.CallAsync<string, List<SessionId>?>(method, "", cancellationToken).ConfigureAwait(false);
            return [.. (ids ?? []).Select(i => (i.OriginHost ?? "", i.OriginId ?? ""))];
        }
        catch (RpcException e) when (e.Message == ErrorCodes.NoActiveSession)
        {
            return [];
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>One call to the client: null when it answered, or does not implement the method; else the error.</summary>
    private async Task<string?> CallAsync(string clientId, string method, Func<BiRpcConnection, Task> call)
    {
        if (Find(clientId) is not { } connection)
        {
            return AgentCalls.NotConnected(method, clientId);
        }
        try
        {
            await call(connection).ConfigureAwait(false);
            return null;
        }
        catch (RpcException e) when (e.Message == ErrorCodes.NotImplemented)
        {
            return null;
        }
        catch (Exception e) when (e is RpcException or IOException or OperationCanceledException)
        {
            return e.Message;
        }
    }

    private BiRpcConnection? Find(string clientId) =>
        server.Connections.FirstOrDefault(c => c.IsConnected && SessionSv1Service.BiRpcClientId(c) == clientId);

    private sealed record LegacyDisconnect(Dictionary<string, object?> EventStart, string Reason);

    private sealed record SessionId(string? OriginHost, [property: JsonPropertyName("OriginID")] string? OriginId);
}
