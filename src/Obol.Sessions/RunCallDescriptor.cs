using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>Builds a run's CallDescriptor from its event (SRun.CD from Event.AsCallDescriptor).</summary>
internal static class RunCallDescriptor
{
    public static CallDescriptor From(CgrEvent ev, Instant now)
    {
        var account = ev.FieldAsString(EventFields.Account) ?? "";
        var subject = ev.FieldAsString(EventFields.Subject);
        var tor = ev.FieldAsString(EventFields.ToR);
        var start = ev.Event.GetValueOrDefault(EventFields.AnswerTime) is Instant answer && answer != default ? answer : now;
        return new CallDescriptor
        {
            Tenant = ev.FieldAsString(EventFields.Tenant) is { Length: > 0 } t ? t : ev.Tenant,
            Category = ev.FieldAsString(EventFields.Category) ?? "",
            Account = account,
            Subject = string.IsNullOrEmpty(subject) ? account : subject,
            Destination = ev.FieldAsString(EventFields.Destination) ?? "",
            ToR = string.IsNullOrEmpty(tor) ? Meta.Voice : tor,
            TimeStart = start,
            TimeEnd = start,
        };
    }

    /// <summary>A descriptor for <paramref name="usage"/> from the run's start, as the one-shot questions (authorize) use.</summary>
    public static CallDescriptor ForUsage(CallDescriptor call, Usage usage)
    {
        var cd = call.Clone();
        cd.TimeEnd = cd.TimeStart + Duration.FromNanoseconds(usage.Nanoseconds);
        cd.DurationIndex = usage;
        return cd;
    }
}
