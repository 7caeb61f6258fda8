using Obol.Events;
using Obol.SessionServer;

namespace Obol.EventReaders;

/// <summary>
/// ers.go processEvent: a reader's flags name the request its events become (the first of <c>*dryrun</c>,
/// <c>*authorize</c>, <c>*initiate</c>, <c>*update</c>, <c>*terminate</c>, <c>*message</c>, <c>*cdrs</c>,
/// <c>*event</c>, <c>*none</c>), and the rest of them the subsystems SessionS involves, as a switch's flags do.
/// </summary>
internal static class ReaderRequests
{
    public const string DryRun = "*dryrun";
    public const string Log = "*log";

    private static readonly string[] s_requestTypes = [DryRun, "*authorize", "*initiate", "*update", "*terminate", "*message", "*cdrs", "*event", "*none"];

    /// <summary>The request type the flags name; null when none does (CGRateS's "unsupported reqType").</summary>
    public static string? RequestType(IReadOnlyList<string> flags) =>
        s_requestTypes.FirstOrDefault(t => flags.Any(f => f == t || f.StartsWith(t + ":", StringComparison.Ordinal)));

    /// <summary>Sends the event to SessionS as its request type says; the error SessionS answered, or null.</summary>
    public static async Task<string?> SendAsync(SessionService sessions, string requestType, IReadOnlyList<string> flags, CgrEvent ev,
        CancellationToken ct)
    {
        // FlagsWithParams write IDs as *attributes:*ids:A&B; the agents' flags as *attributes:A&B.
        var agentFlags = string.Join(AgentFlags.Separator, flags.Select(f => f.Replace(":*ids:", ":", StringComparison.Ordinal)));
        switch (requestType)
        {
            case "*authorize":
                return (await sessions.AuthorizeAsync(AgentFlags.ApplyTo(Embed<AuthorizeArgs>(ev), agentFlags), ct).ConfigureAwait(false)).Error;
            case "*initiate":
                return (await sessions.InitiateAsync(AgentFlags.ApplyTo(Embed<InitiateArgs>(ev), agentFlags), null, ct).ConfigureAwait(false)).Error;
            case "*update":
                var update = Embed<UpdateArgs>(ev) with
                {
                    UpdateSession = Has(flags, AgentFlags.Accounts),
                    GetAttributes = Has(flags, AgentFlags.Attributes),
                    AttributeIds = Ids(flags, AgentFlags.Attributes),
                    ProcessThresholds = Has(flags, AgentFlags.Thresholds),
                    ThresholdIds = Ids(flags, AgentFlags.Thresholds),
                    ProcessStats = Has(flags, AgentFlags.Stats),
                    StatIds = Ids(flags, AgentFlags.Stats),
                    ForceDuration = Has(flags, AgentFlags.ForceDuration),
                };
                return (await sessions.UpdateAsync(update, null, ct).ConfigureAwait(false)).Error;
            case "*terminate":
                return await sessions.TerminateAsync(AgentFlags.ApplyTo(Embed<TerminateArgs>(ev), agentFlags), null, ct).ConfigureAwait(false);
            case "*message":
                return (await sessions.ProcessMessageAsync(AgentFlags.ApplyTo(Embed<ProcessMessageArgs>(ev), agentFlags), ct).ConfigureAwait(false)).Error;
            case "*cdrs":
                return await sessions.ProcessCdrAsync(ev, ct).ConfigureAwait(false);
            case "*event":
                var request = Embed<ProcessEventRequest>(ev) with { Flags = [.. flags] };
                return (await sessions.ProcessEventAsync(request, null, ct).ConfigureAwait(false)).Error;
            default:
                return null;
        }
    }

    private static T Embed<T>(CgrEvent ev)
        where T : Obol.Api.EmbeddedEvent, new() => new()
        {
            Tenant = ev.Tenant,
            Id = ev.Id,
            Time = ev.Time,
            Event = ev.Event,
            ApiOpts = ev.ApiOpts,
        };

    private static bool Has(IReadOnlyList<string> flags, string flag) =>
        flags.Any(f => f == flag || f.StartsWith(flag + ":", StringComparison.Ordinal));

    private static List<string>? Ids(IReadOnlyList<string> flags, string flag) =>
        flags.FirstOrDefault(f => f.StartsWith(flag + ":", StringComparison.Ordinal)) is { } withIds
            ? AgentFlags.Ids(withIds.Replace(":*ids:", ":", StringComparison.Ordinal))
            : null;
}
