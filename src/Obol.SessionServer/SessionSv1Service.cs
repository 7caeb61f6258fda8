using Obol.Api.JsonRpc;
using Obol.Events;
using Obol.Primitives;

namespace Obol.SessionServer;

/// <summary>
/// SessionSv1 (apier/v1/sessions.go) over <see cref="SessionService"/>, on every listener; calls that came over BiRPC
/// remember their connection, so the engine can disconnect the call through the agent that started it.
/// </summary>
public sealed class SessionSv1Service(SessionService sessions)
{
    public void Register(JsonRpcDispatcher dispatcher)
    {
        dispatcher.Add<AuthorizeArgs, AuthorizeReply>("SessionSv1.AuthorizeEvent", async (a, ct) => Reply(await sessions.AuthorizeAsync(a, ct).ConfigureAwait(false)));
        dispatcher.Add<AuthorizeArgs, DigestReply>("SessionSv1.AuthorizeEventWithDigest", AuthorizeWithDigestAsync);
        dispatcher.Add<InitiateArgs, AuthorizeReply>("SessionSv1.InitiateSession",
            async (peer, a, ct) => Reply(await sessions.InitiateAsync(a, ClientId(peer), ct).ConfigureAwait(false)));
        dispatcher.Add<InitiateArgs, InitDigestReply>("SessionSv1.InitiateSessionWithDigest", InitiateWithDigestAsync);
        dispatcher.Add<UpdateArgs, AuthorizeReply>("SessionSv1.UpdateSession",
            async (peer, a, ct) => Reply(await sessions.UpdateAsync(a, ClientId(peer), ct).ConfigureAwait(false)));
        dispatcher.Add<TerminateArgs, string>("SessionSv1.TerminateSession",
            async (peer, a, ct) => Ok(await sessions.TerminateAsync(a, ClientId(peer), ct).ConfigureAwait(false)));
        dispatcher.Add<CgrEvent, string>("SessionSv1.ProcessCDR", async (ev, ct) => Ok(await sessions.ProcessCdrAsync(ev, ct).ConfigureAwait(false)));
        dispatcher.Add<ProcessMessageArgs, AuthorizeReply>("SessionSv1.ProcessMessage",
            async (a, ct) => Reply(await sessions.ProcessMessageAsync(a, ct).ConfigureAwait(false)));
        dispatcher.Add<ProcessEventRequest, ProcessEventReply>("SessionSv1.ProcessEvent",
            async (peer, a, ct) => Reply(await sessions.ProcessEventAsync(a, ClientId(peer), ct).ConfigureAwait(false)));
        dispatcher.Add<ProcessEventRequest, GetCostReply>("SessionSv1.GetCost", async (a, ct) => Reply(await sessions.GetCostAsync(a, ct).ConfigureAwait(false)));
        dispatcher.Add<SessionFilterArgs?, List<ExternalSession>>("SessionSv1.GetActiveSessions", (f, _) => ValueTask.FromResult(Active(f)));
        dispatcher.Add<SessionFilterArgs?, int>("SessionSv1.GetActiveSessionsCount",
            (f, _) => ValueTask.FromResult(RpcResult.Ok(sessions.CountActiveSessions(f).Count)));
        // Test aids CGRateS's integration suites call: a reply held for a while, and the error a caps limit gives.
        dispatcher.Add<DurationArgs, string>("SessionSv1.Sleep", async (a, ct) =>
        {
            await Task.Delay(TimeSpan.FromTicks(Math.Max(0, a.Duration.Nanoseconds / 100)), ct).ConfigureAwait(false);
            return "OK";
        });
        dispatcher.Add<object?, string>("SessionSv1.CapsError", (_, _) => ValueTask.FromResult(RpcResult.Fail<string>("max concurrent rpc exceeded")));
        dispatcher.Add<object?, int>("SessionSv1.BackupActiveSessions", (_, _) => ValueTask.FromResult(RpcResult.Ok(sessions.Manager.BackedUpCount)));
        dispatcher.Add<SessionFilterArgs?, List<ExternalSession>>("SessionSv1.GetPassiveSessions",
            (_, _) => ValueTask.FromResult(RpcResult.Fail<List<ExternalSession>>(ErrorCodes.NotFound)));
        dispatcher.Add<SessionFilterArgs?, int>("SessionSv1.GetPassiveSessionsCount", (_, _) => ValueTask.FromResult(RpcResult.Ok(0)));
        dispatcher.Add<SessionFilterArgs?, string>("SessionSv1.ForceDisconnect",
            async (f, ct) =>
            {
                var (reply, error) = await sessions.ForceDisconnectAsync(f, ct).ConfigureAwait(false);
                return error is null ? RpcResult.Ok(reply!) : RpcResult.Fail<string>(error);
            });
        dispatcher.Add<SessionFilterArgs?, string>("SessionSv1.AlterSessions",
            async (f, ct) =>
            {
                var (reply, error) = await sessions.AlterSessionsAsync(f, ct).ConfigureAwait(false);
                return error is null ? RpcResult.Ok(reply!) : RpcResult.Fail<string>(error);
            });
        dispatcher.Add<object?, string>("SessionSv1.SyncSessions", async (_, ct) =>
        {
            await sessions.SyncSessionsAsync(ct).ConfigureAwait(false);
            return RpcResult.Ok("OK");
        });
        dispatcher.AddPing("SessionSv1");
    }

    private static string? ClientId(IBiRpcPeer? peer) => peer is BiRpcConnection connection ? BiRpcClientId(connection) : null;

    /// <summary>The id SessionS keys a BiRPC connection by.</summary>
    public static string BiRpcClientId(BiRpcConnection connection) => connection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private RpcResult<List<ExternalSession>> Active(SessionFilterArgs? filter)
    {
        var (found, error) = sessions.GetActiveSessions(filter);
        if (error is not null)
        {
            return RpcResult.Fail<List<ExternalSession>>(error);
        }
        return found.Count == 0 ? RpcResult.Fail<List<ExternalSession>>(ErrorCodes.NotFound) : found.ToList();
    }

    private async ValueTask<RpcResult<DigestReply>> AuthorizeWithDigestAsync(AuthorizeArgs args, CancellationToken ct)
    {
        var (reply, error) = await sessions.AuthorizeAsync(args, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return RpcResult.Fail<DigestReply>(error);
        }
        return new DigestReply
        {
            AttributesDigest = args.GetAttributes ? SessionDigests.Attributes(reply!.Attributes) : null,
            ResourceAllocation = args.AuthorizeResources ? reply!.ResourceAllocation : null,
            AllocatedIp = args.AuthorizeIp ? reply!.AllocatedIp?.Digest() : null,
            MaxUsage = args.GetMaxUsage ? (reply!.MaxUsage ?? 0) / 1e9 : 0,
            RoutesDigest = args.GetRoutes ? SessionDigests.Routes(reply!.RouteProfiles) : null,
            Thresholds = args.ProcessThresholds ? string.Join(',', reply!.ThresholdIds ?? []) : null,
            StatQueues = args.ProcessStats ? string.Join(',', reply!.StatQueueIds ?? []) : null,
        };
    }

    private async ValueTask<RpcResult<InitDigestReply>> InitiateWithDigestAsync(IBiRpcPeer? peer, InitiateArgs args, CancellationToken ct)
    {
        var (reply, error) = await sessions.InitiateAsync(args, ClientId(peer), ct).ConfigureAwait(false);
        if (error is not null)
        {
            return RpcResult.Fail<InitDigestReply>(error);
        }
        return new InitDigestReply
        {
            AttributesDigest = args.GetAttributes ? SessionDigests.Attributes(reply!.Attributes) : null,
            ResourceAllocation = args.AllocateResources ? reply!.ResourceAllocation : null,
            AllocatedIp = args.AllocateIp ? reply!.AllocatedIp?.Digest() : null,
            MaxUsage = args.InitSession ? (reply!.MaxUsage ?? 0) / 1e9 : 0,
            Thresholds = args.ProcessThresholds ? string.Join(',', reply!.ThresholdIds ?? []) : null,
            StatQueues = args.ProcessStats ? string.Join(',', reply!.StatQueueIds ?? []) : null,
        };
    }

    private static RpcResult<T> Reply<T>((T? Reply, string? Error) result)
        where T : class => result.Error is null ? result.Reply! : RpcResult.Fail<T>(result.Error);

    private static RpcResult<string> Ok(string? error) => error is null ? "OK" : RpcResult.Fail<string>(error);
}

/// <summary>utils.DurationArgs.</summary>
public sealed record DurationArgs(Usage Duration);
