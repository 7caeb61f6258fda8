namespace Obol.Thresholds;

/// <summary>
/// One action set to run because a threshold fired. <see cref="AccountTenantId"/> is "tenant:account" of the event
/// when it names one; CGRateS then runs the actions on that account only.
/// </summary>
public sealed record ThresholdActionRequest(
    string Tenant,
    string ThresholdId,
    string ActionSetId,
    string? AccountTenantId,
    bool Async,
    ThresholdEvent Event);
