using NodaTime;
using Obol.Api;
using Obol.Rating;

namespace Obol.Engine;

/// <summary>The <c>cost</c> console command (APIerSv1.GetCost) answered without a server.</summary>
internal sealed class CostCommand(RatingEngine engine, DateTimeZone defaultZone, IClock clock)
{
    public (EventCost? Cost, string? Error) Run(IReadOnlyDictionary<string, string> args) =>
        CostQuery.Run(engine, new AttrGetCost(args.GetValueOrDefault("Tenant"), args.GetValueOrDefault("Category"), args.GetValueOrDefault("Subject"),
            args.GetValueOrDefault("AnswerTime"), args.GetValueOrDefault("Destination"), args.GetValueOrDefault("Usage")), defaultZone, clock.GetCurrentInstant());
}
