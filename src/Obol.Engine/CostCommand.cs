using NodaTime;
using Obol.Api;
using Obol.Rating;

namespace Obol.Engine;

/// <summary>The <c>cost</c> console command (APIerSv1.GetCost) answered without a server.</summary>
internal sealed class CostCommand(RatingEngine engine, DateTimeZone defaultZone, IClock clock)
{
    public (EventCost? Cost, string? Error) Run(IReadOnlyDictionary<string, string> args) =>
        CostQuery.Run(engine, new AttrGetCost
        {
            Tenant = args.GetValueOrDefault("Tenant"),
            Category = args.GetValueOrDefault("Category"),
            Subject = args.GetValueOrDefault("Subject"),
            AnswerTime = args.GetValueOrDefault("AnswerTime"),
            Destination = args.GetValueOrDefault("Destination"),
            Usage = args.GetValueOrDefault("Usage"),
        }, defaultZone, clock.GetCurrentInstant());
}
