using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Engine;

/// <summary>
/// The <c>cost</c> console command (APIerSv1.GetCost): builds the call descriptor the way apier/v1/costs.go does —
/// default tenant and category, AnswerTime read in the default zone, DurationIndex = Usage — and returns the EventCost.
/// </summary>
internal sealed class CostCommand(RatingEngine engine, DateTimeZone defaultZone, IClock clock)
{
    public (EventCost? Cost, string? Error) Run(IReadOnlyDictionary<string, string> args)
    {
        var usageText = args.GetValueOrDefault("Usage", "");
        if (!Usage.TryParse(usageText, out var usage))
        {
            return (null, ErrorCodes.ServerErrorWith($"time: invalid duration \"{usageText}\""));
        }
        var answerText = args.GetValueOrDefault("AnswerTime", "");
        if (!GoTime.TryParse(answerText, defaultZone, clock.GetCurrentInstant(), out var answer))
        {
            return (null, ErrorCodes.ServerErrorWith("Unsupported time format"));
        }
        var subject = args.GetValueOrDefault("Subject", "");
        var cd = new CallDescriptor
        {
            Tenant = Or(args.GetValueOrDefault("Tenant", ""), "cgrates.org"),
            Category = Or(args.GetValueOrDefault("Category", ""), "call"),
            Subject = subject,
            Account = subject,
            Destination = args.GetValueOrDefault("Destination", ""),
            TimeStart = answer.ToInstant(),
            TimeEnd = answer.ToInstant() + Duration.FromNanoseconds(usage.Nanoseconds),
            TimeZone = answer.Zone,
            DurationIndex = usage,
        };
        var (cost, error) = engine.GetEventCost(cd);
        return error is null ? (cost, null) : (null, ErrorCodes.ServerErrorWith(error));
    }

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
}
