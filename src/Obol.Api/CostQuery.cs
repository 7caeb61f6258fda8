using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>
/// How APIerSv1.GetCost turns its string arguments into a call descriptor (apier/v1/costs.go): default tenant and
/// category, Account = Subject, AnswerTime read in the default zone, DurationIndex = Usage.
/// </summary>
public static class CostQuery
{
    public static (CallDescriptor? Call, string? Error) ToCallDescriptor(AttrGetCost args, DateTimeZone defaultZone, Instant now,
        string defaultTenant = "cgrates.org", string defaultCategory = "call")
    {
        if (!Usage.TryParse(args.Usage ?? "", out var usage))
        {
            return (null, ErrorCodes.ServerErrorWith($"time: invalid duration \"{args.Usage}\""));
        }
        if (!GoTime.TryParse(args.AnswerTime, defaultZone, now, out var answer))
        {
            return (null, ErrorCodes.ServerErrorWith("Unsupported time format"));
        }
        var subject = args.Subject ?? "";
        return (new CallDescriptor
        {
            Tenant = string.IsNullOrEmpty(args.Tenant) ? defaultTenant : args.Tenant,
            Category = string.IsNullOrEmpty(args.Category) ? defaultCategory : args.Category,
            Subject = subject,
            Account = subject,
            Destination = args.Destination ?? "",
            TimeStart = answer.ToInstant(),
            TimeEnd = answer.ToInstant() + Duration.FromNanoseconds(usage.Nanoseconds),
            TimeZone = answer.Zone,
            DurationIndex = usage,
        }, null);
    }

    /// <summary>The EventCost reply, or the CGRateS error (rating errors come back as <c>SERVER_ERROR: …</c>).</summary>
    public static (EventCost? Cost, string? Error) Run(RatingEngine rating, AttrGetCost args, DateTimeZone defaultZone, Instant now,
        string defaultTenant = "cgrates.org", string defaultCategory = "call")
    {
        var (cd, error) = ToCallDescriptor(args, defaultZone, now, defaultTenant, defaultCategory);
        if (cd is null)
        {
            return (null, error);
        }
        var (cost, ratingError) = rating.GetEventCost(cd);
        return ratingError is null ? (cost, null) : (null, ErrorCodes.ServerErrorWith(ratingError));
    }
}
