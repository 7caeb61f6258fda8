namespace Obol.Accounting.Scheduling;

/// <summary>What failed in the scheduler: the run's plan, timing and action list, and the exception.</summary>
public sealed class SchedulerFaultEventArgs(Exception exception, string actionPlanId, string actionTimingUuid, string actionsId) : EventArgs
{
    public Exception Exception { get; } = exception;
    public string ActionPlanId { get; } = actionPlanId;
    public string ActionTimingUuid { get; } = actionTimingUuid;
    public string ActionsId { get; } = actionsId;
}
