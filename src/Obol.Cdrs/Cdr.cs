using NodaTime;
using Obol.Primitives;

namespace Obol.Cdrs;

/// <summary>
/// engine.CDR: one charging run of one call (or data session, SMS...). <see cref="Cgrid"/> plus <see cref="RunId"/>
/// identify it; <see cref="OrderId"/> is the store's insertion counter, used as export order.
/// Times are <see cref="Instant"/>s; Go's zero time (0001-01-01T00:00:00Z) means "not set", as in CGRateS.
/// </summary>
public sealed class Cdr
{
    /// <summary>The value of <see cref="Cost"/> for a CDR no one has rated.</summary>
    public const decimal Unrated = -1m;

    /// <summary>Go's zero <c>time.Time</c>: an unset setup or answer time.</summary>
    public static readonly Instant ZeroTime = GoTime.Zero.ToInstant();

    public string Cgrid { get; set; } = "";
    public string RunId { get; set; } = "";
    public long OrderId { get; set; }
    public string OriginHost { get; set; } = "";
    public string Source { get; set; } = "";
    public string OriginId { get; set; } = "";
    public string ToR { get; set; } = "";
    public string RequestType { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Category { get; set; } = "";
    public string Account { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Destination { get; set; } = "";
    public Instant SetupTime { get; set; } = ZeroTime;
    public Instant AnswerTime { get; set; } = ZeroTime;

    /// <summary>Nanoseconds for *voice; units (bytes, messages) for other ToRs, as CGRateS overloads time.Duration.</summary>
    public Usage Usage { get; set; }

    public Dictionary<string, string> ExtraFields { get; set; } = new(StringComparer.Ordinal);
    public string ExtraInfo { get; set; } = "";
    public bool Partial { get; set; }
    public bool PreRated { get; set; }
    public string CostSource { get; set; } = "";

    /// <summary>Currency units; <see cref="Unrated"/> (-1) until rated.</summary>
    public decimal Cost { get; set; } = Unrated;

    /// <summary>The EventCost as JSON text (an object), or null when the CDR carries none. Kept opaque: the CDRs
    /// context stores and returns it; rating owns its structure.</summary>
    public string? CostDetails { get; set; }

    /// <summary>CostDetails as this process wrote them, with their usage and cost; it speaks for CostDetails only while
    /// they are still that same text (<see cref="KnownCost"/>).</summary>
    public CostDetailsJson? OwnCostDetails { get; set; }

    /// <summary>The usage and cost of CostDetails this process wrote, known without parsing them.</summary>
    public bool KnownCost(out Usage usage, out decimal cost)
    {
        if (OwnCostDetails is { Usage: { } u, Cost: { } c } own && ReferenceEquals(own.Json, CostDetails))
        {
            (usage, cost) = (u, c);
            return true;
        }
        (usage, cost) = (default, default);
        return false;
    }

    public bool IsRated => Cost >= 0;

    /// <summary>CDR.Clone: an independent copy (the extra fields map is copied).</summary>
    public Cdr Clone()
    {
        var copy = (Cdr)MemberwiseClone();
        copy.ExtraFields = new Dictionary<string, string>(ExtraFields, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>CDR.ComputeCGRID.</summary>
    public void ComputeCgrid() => Cgrid = Cdrs.Cgrid.Compute(OriginId, OriginHost);
}
