using NodaTime;
using Obol.Cdrs;
using Obol.Events;
using Obol.Evapi;
using Obol.SessionServer;

namespace Obol.Agents.Kamailio;

/// <summary>
/// A Kamailio event as the SessionS arguments kamevent.go builds (V1AuthorizeArgs, V1InitSessionArgs,
/// V1TerminateSessionArgs, V1ProcessMessageArgs, V1ProcessCDRArgs), with the evapi connection index attached so
/// SessionS can disconnect the call on the right Kamailio later.
/// </summary>
internal static class KamSessionArgs
{
    /// <summary>The CGR event, or the reason there is none (a time field that is not a time).</summary>
    public static (CgrEvent? Event, string? Error) ToCgrEvent(KamEvent kamEvent, KamMappingOptions mapping, int connectionIndex)
    {
        KamCgrEvent? mapped;
        try
        {
            mapped = KamEventMapping.ToCgrEvent(kamEvent, mapping);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
        if (mapped is null)
        {
            return (null, $"unsupported event {kamEvent.Name}");
        }
        mapped.Event[KamFields.EvapiConnId] = connectionIndex;
        var cgrEvent = new CgrEvent
        {
            Tenant = mapped.Tenant,
            Id = Cgrid.NewEventId(),
            Time = mapped.Time == DateTimeOffset.MinValue ? null : Instant.FromDateTimeOffset(mapped.Time),
            Event = mapped.Event,
            ApiOpts = mapped.ApiOpts,
        };
        return (cgrEvent, null);
    }

    /// <summary>Without cgr_flags only the max usage is asked for.</summary>
    public static AuthorizeArgs Authorize(CgrEvent ev, string? flags) =>
        AgentFlags.ApplyTo(new AuthorizeArgs { Tenant = ev.Tenant, Id = ev.Id, Time = ev.Time, Event = ev.Event, ApiOpts = ev.ApiOpts }, flags);

    public static InitiateArgs Initiate(CgrEvent ev, string? flags) =>
        AgentFlags.ApplyTo(new InitiateArgs { Tenant = ev.Tenant, Id = ev.Id, Time = ev.Time, Event = ev.Event, ApiOpts = ev.ApiOpts }, flags);

    /// <summary>Unlike FreeSWITCH's, Kamailio's terminate always ends the session, whatever cgr_flags say.</summary>
    public static TerminateArgs Terminate(CgrEvent ev, string? flags) =>
        AgentFlags.ApplyTo(new TerminateArgs
        {
            TerminateSession = true, Tenant = ev.Tenant, Id = ev.Id, Time = ev.Time, Event = ev.Event, ApiOpts = ev.ApiOpts,
        }, flags);

    public static ProcessMessageArgs ProcessMessage(CgrEvent ev, string? flags) =>
        AgentFlags.ApplyTo(new ProcessMessageArgs { Tenant = ev.Tenant, Id = ev.Id, Time = ev.Time, Event = ev.Event, ApiOpts = ev.ApiOpts }, flags);
}
