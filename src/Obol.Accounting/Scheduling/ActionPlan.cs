using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// One scheduled action list of a plan (CGRateS ActionTiming). <see cref="Uuid"/> keys its persisted next run, so
/// it must stay the same across restarts for the same plan row; <see cref="Weight"/> orders timings due at the
/// same second, higher first.
/// </summary>
public sealed record ActionTiming(string Uuid, ActionTimingSchedule Schedule, string ActionsId, decimal Weight);

/// <summary>
/// An ActionPlans.csv plan with the accounts AccountActions.csv binds to it (CGRateS ActionPlan).
/// <see cref="AccountIds"/> are <c>tenant:account</c>; a plan without accounts runs its actions account-less.
/// </summary>
public sealed record ActionPlan(string Id, IReadOnlyList<ActionTiming> ActionTimings, IReadOnlySet<string> AccountIds);

/// <summary>One queued run, as <c>APIerSv1.GetScheduledActions</c> lists it (CGRateS scheduler.ScheduledAction).</summary>
public sealed record ScheduledAction(
    Instant NextRunTime, int Accounts, string ActionPlanId, string ActionTimingUuid, string ActionsId, decimal Weight)
{
    /// <summary>The accounts (<c>tenant:account</c>) it runs on, for GetScheduledActions' Tenant and Account filters.</summary>
    public IReadOnlyList<string> AccountIds { get; init; } = [];
}
