using Obol.Attributes;
using Obol.CdrServer;
using Obol.Chargers;
using Obol.Ips;
using Obol.Resources;
using Obol.Routes;
using Obol.Stats;
using Obol.Thresholds;

namespace Obol.SessionServer;

/// <summary>
/// The subsystems SessionS is connected to (<c>sessions.*_conns</c>); a null one is not connected and a request that
/// needs it is answered <c>NOT_CONNECTED</c>, as CGRateS does.
/// </summary>
public sealed record SessionSubsystems
{
    public AttributeService? Attributes { get; init; }
    public ChargerService? Chargers { get; init; }
    public ResourceService? Resources { get; init; }
    public IpService? Ips { get; init; }
    public RouteService? Routes { get; init; }
    public ThresholdService? Thresholds { get; init; }
    public StatService? Stats { get; init; }
    public CdrService? Cdrs { get; init; }
}
