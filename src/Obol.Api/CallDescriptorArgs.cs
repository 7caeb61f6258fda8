using System.Text.Json;
using NodaTime;
using Obol.Accounting;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Api;

/// <summary>
/// engine.CallDescriptorWithAPIOpts as the Responder receives it: the descriptor's fields flattened next to APIOpts.
/// Times keep their offset, which is the zone the call is rated in (Go rates in the time's location).
/// </summary>
public sealed class CallDescriptorArgs
{
    public string? Category { get; set; }
    public string? Tenant { get; set; }
    public string? Subject { get; set; }
    public string? Account { get; set; }
    public string? Destination { get; set; }
    public OffsetDateTime TimeStart { get; set; }
    public OffsetDateTime TimeEnd { get; set; }
    public double LoopIndex { get; set; }
    public Usage DurationIndex { get; set; }
    public string? FallbackSubject { get; set; }
    public List<IncrementWire>? Increments { get; set; }
    public string? ToR { get; set; }
    public Dictionary<string, string>? ExtraFields { get; set; }
    public decimal MaxRate { get; set; }
    public Usage MaxRateUnit { get; set; }
    public decimal MaxCostSoFar { get; set; }
    public string? CgrID { get; set; }
    public string? RunID { get; set; }
    public bool ForceDuration { get; set; }
    public bool PerformRounding { get; set; }
    public bool DryRun { get; set; }
    public bool DenyNegativeAccount { get; set; }
    public Dictionary<string, JsonElement>? APIOpts { get; set; }

    /// <summary>The descriptor with CGRateS's Responder defaults: tenant and category when empty, Subject = Account.</summary>
    public CallDescriptor ToCallDescriptor(string defaultTenant, string defaultCategory)
    {
        var account = Account ?? "";
        return new CallDescriptor
        {
            Category = string.IsNullOrEmpty(Category) ? defaultCategory : Category,
            Tenant = string.IsNullOrEmpty(Tenant) ? defaultTenant : Tenant,
            Subject = string.IsNullOrEmpty(Subject) ? account : Subject,
            Account = account,
            Destination = Destination ?? "",
            ToR = string.IsNullOrEmpty(ToR) ? Meta.Voice : ToR,
            TimeStart = TimeStart.ToInstant(),
            TimeEnd = TimeEnd.ToInstant(),
            TimeZone = DateTimeZone.ForOffset(TimeStart.Offset),
            DurationIndex = DurationIndex,
            LoopIndex = (int)LoopIndex,
            MaxCostSoFar = MaxCostSoFar,
        };
    }

    public DebitRequest ToDebitRequest(string defaultTenant, string defaultCategory) => new(ToCallDescriptor(defaultTenant, defaultCategory))
    {
        DryRun = DryRun || OptFlag("*ralsDryRun"),
        PerformRounding = PerformRounding,
        DenyNegativeAccount = DenyNegativeAccount,
        ForceDuration = ForceDuration,
        MaxRate = MaxRate,
        MaxRateUnit = MaxRateUnit,
    };

    private bool OptFlag(string key) => APIOpts is { } opts && opts.TryGetValue(key, out var v)
        && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out var b) && b));
}
