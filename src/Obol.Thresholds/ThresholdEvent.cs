using NodaTime;

namespace Obol.Thresholds;

/// <summary>
/// What ThresholdS needs of a CGREvent: its tenant and ID, its optional Time (for activation windows) and the account
/// the fired actions run on, already resolved (see <see cref="EventAccount"/>).
/// </summary>
public sealed record ThresholdEvent(string Tenant, string Id)
{
    public Instant? Time { get; init; }

    public string? Account { get; init; }
}
