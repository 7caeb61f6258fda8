using NodaTime;
using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>
/// A CDR <c>*cdrlog</c> writes for a balance-changing action (CGRateS parity: engine/action.go cdrLogAction). Pre-rated,
/// 1 ns of usage, <see cref="RunID"/> = the action type, <see cref="Cost"/> = the action's value (or the removed
/// balance's value); template fields that are not CDR fields land in <see cref="ExtraFields"/>.
/// </summary>
public sealed record ActionCdr
{
    public string CGRID { get; init; } = "";
    public string RunID { get; init; } = "";
    public long OrderID { get; init; }
    public string OriginHost { get; init; } = "";
    public string Source { get; init; } = "";
    public string OriginID { get; init; } = "";
    public string ToR { get; init; } = "";
    public string RequestType { get; init; } = "";
    public string Tenant { get; init; } = "";
    public string Category { get; init; } = "";
    public string Account { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Destination { get; init; } = "";
    public Instant SetupTime { get; init; }
    public Instant AnswerTime { get; init; }
    public Usage Usage { get; init; }
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public string ExtraInfo { get; init; } = "";
    public bool Partial { get; init; }
    public bool PreRated { get; init; }
    public string CostSource { get; init; } = "";
    public decimal Cost { get; init; }
}
