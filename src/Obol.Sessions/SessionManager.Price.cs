using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

public sealed partial class SessionManager
{
    /// <summary>Responder.GetCost on the event's descriptor for <paramref name="usage"/> (SessionSv1.GetCost, ProcessEvent's
    /// <c>*rals:*cost</c>); no balance is touched.</summary>
    public Task<(CallCost? Cost, string? Error)> PriceAsync(CgrEvent ev, Usage usage, CancellationToken cancellationToken = default) =>
        rater.GetCostAsync(RunCallDescriptor.ForUsage(RunCallDescriptor.From(ev, Instant.FromDateTimeOffset(time.GetUtcNow())), usage), cancellationToken);
}
