using System.Collections.Concurrent;
using Obol.Events;

namespace Obol.SessionServer.Testing;

/// <summary>Records every SessionS call the agent makes and answers with scripted replies.</summary>
public sealed class FakeSessions : IAgentSessions
{
    public ConcurrentQueue<AuthorizeArgs> Authorized { get; } = new();
    public ConcurrentQueue<(InitiateArgs Args, string? ClientId)> Initiated { get; } = new();
    public ConcurrentQueue<(TerminateArgs Args, string? ClientId)> Terminated { get; } = new();
    public ConcurrentQueue<ProcessMessageArgs> Messages { get; } = new();
    public ConcurrentQueue<CgrEvent> Cdrs { get; } = new();

    /// <summary>The calls in the order they returned to the agent: "authorize", "initiate", "terminate", "cdr".</summary>
    public ConcurrentQueue<string> Returned { get; } = new();

    public Func<AuthorizeArgs, (AuthorizeReply?, string?)> OnAuthorize { get; set; } =
        _ => (new AuthorizeReply { MaxUsage = 3_600_000_000_000 }, null);

    public Func<InitiateArgs, (AuthorizeReply?, string?)> OnInitiate { get; set; } = _ => (new AuthorizeReply { MaxUsage = 3_600_000_000_000 }, null);

    public Func<ProcessMessageArgs, (AuthorizeReply?, string?)> OnProcessMessage { get; set; } = _ => (new AuthorizeReply(), null);

    public Func<CgrEvent, string?> OnProcessCdr { get; set; } = _ => null;

    public Task<(AuthorizeReply? Reply, string? Error)> AuthorizeAsync(AuthorizeArgs args, CancellationToken ct = default)
    {
        Authorized.Enqueue(args);
        return Returning("authorize", OnAuthorize(args));
    }

    public Task<(AuthorizeReply? Reply, string? Error)> InitiateAsync(InitiateArgs args, string? clientId, CancellationToken ct = default)
    {
        Initiated.Enqueue((args, clientId));
        return Returning("initiate", OnInitiate(args));
    }

    public Task<string?> TerminateAsync(TerminateArgs args, string? clientId, CancellationToken ct = default)
    {
        Terminated.Enqueue((args, clientId));
        return Returning<string?>("terminate", null);
    }

    public Task<(AuthorizeReply? Reply, string? Error)> ProcessMessageAsync(ProcessMessageArgs args, CancellationToken ct = default)
    {
        Messages.Enqueue(args);
        return Task.FromResult(OnProcessMessage(args));
    }

    public Task<string?> ProcessCdrAsync(CgrEvent? ev, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ev);
        Cdrs.Enqueue(ev);
        return Returning("cdr", OnProcessCdr(ev));
    }

    private Task<T> Returning<T>(string call, T result)
    {
        Returned.Enqueue(call);
        return Task.FromResult(result);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the agent handles events on its own tasks.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
            await Task.Delay(10);
        }
    }
}
