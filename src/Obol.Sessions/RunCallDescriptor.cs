using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>Builds a run's CallDescriptor from its event (SRun.CD from Event.AsCallDescriptor).</summary>
internal static class RunCallDescriptor
{
    private static readonly Instant GoZero = GoTime.Zero.ToInstant();

    public static CallDescriptor From(CgrEvent ev, Instant now)
    {
        var account = ev.FieldAsString(EventFields.Account) ?? "";
        var subject = ev.FieldAsString(EventFields.Subject);
        var tor = ev.FieldAsString(EventFields.ToR);
        // As sessions.go: an unanswered event (a switch's park or auth, AnswerTime Go's zero time) is rated from its SetupTime.
        var start = Time(ev, EventFields.AnswerTime) ?? Time(ev, EventFields.SetupTime) ?? now;
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

    private static Instant? Time(CgrEvent ev, string field) =>
        ev.Event.GetValueOrDefault(field) is Instant time && time != default && time != GoZero ? time : null;

    /// <summary>A descriptor for <paramref name="usage"/> from the run's start, as the one-shot questions (authorize) use.</summary>
    public static CallDescriptor ForUsage(CallDescriptor call, Usage usage)
    {
        var cd = call.Clone();
        cd.TimeEnd = cd.TimeStart + Duration.FromNanoseconds(usage.Nanoseconds);
        cd.DurationIndex = usage;
        return cd;
    }
}
