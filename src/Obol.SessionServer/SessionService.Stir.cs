using Obol.Events;
using Obol.SessionServer.Stir;

namespace Obol.SessionServer;

public sealed partial class SessionService
{
    /// <summary>STIR/SHAKEN for ProcessEvent and the agents; set by the engine.</summary>
    public StirService? Stir { get; set; }

    /// <summary>ProcessEvent's STIR step, after StatS as in CGRateS: <c>*stir_authenticate</c> checks each event's
    /// identity, or else <c>*stir_initiate</c> signs one per run into the reply. The first failure is the answer.</summary>
    private async Task<string?> StirAsync(Dictionary<string, CgrEvent> events, SessionFlagSet flags, ProcessEventReply reply, CancellationToken ct)
    {
        var authenticate = flags.IsOn(StirService.AuthenticateFlag);
        if ((!authenticate && !flags.IsOn(StirService.InitiateFlag)) || Stir is not { } stir)
        {
            return null;
        }
        if (authenticate)
        {
            foreach (var (_, ev) in Derived(events, flags, StirService.AuthenticateFlag))
            {
                if (await stir.AuthenticateEventAsync(ev, ct).ConfigureAwait(false) is { } error)
                {
                    return error;
                }
            }
            return null;
        }
        reply.StirIdentity = [];
        foreach (var (runId, ev) in Derived(events, flags, StirService.InitiateFlag))
        {
            var (identity, error) = await stir.InitiateEventAsync(ev, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            reply.StirIdentity[runId] = identity!;
        }
        return null;
    }
}
