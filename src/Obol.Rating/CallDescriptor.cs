using NodaTime;
using Obol.Primitives;

namespace Obol.Rating;

/// <summary>
/// The question put to rating (CGRateS CallDescriptor): who calls where, from when to when. Times are instants read in
/// <see cref="TimeZone"/>, the zone of the answer time as parsed, since timings are wall-clock rules.
/// </summary>
public sealed class CallDescriptor
{
    public string Category { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Account { get; set; } = "";
    public string Destination { get; set; } = "";
    public string ToR { get; set; } = Meta.Voice;
    public Instant TimeStart { get; set; }
    public Instant TimeEnd { get; set; }
    public DateTimeZone TimeZone { get; set; } = DateTimeZone.Utc;

    /// <summary>The call's total usage up to <see cref="TimeEnd"/>; selects the rate group on later debits.</summary>
    public Usage DurationIndex { get; set; }

    /// <summary>0 for the first piece of a call; later pieces pay no connect fee.</summary>
    public int LoopIndex { get; set; }

    /// <summary>Running cost for the max-cost strategies.</summary>
    public decimal MaxCostSoFar { get; set; }

    public Usage Duration => new((TimeEnd - TimeStart).ToInt64Nanoseconds());

    /// <summary>The account charged for the call: Tenant:Account, or Tenant:Subject without an account.</summary>
    public string AccountKey => Tenant + ":" + (Account.Length > 0 ? Account : Subject);

    /// <summary>The key of the rating profile for <paramref name="subject"/>.</summary>
    public RatingProfileKey KeyFor(string subject) => new(Tenant, Category, subject);

    public CallDescriptor Clone() => (CallDescriptor)MemberwiseClone();
}
