namespace Obol.CdrServer;

/// <summary>
/// The costs SessionS settled (CGRateS's <c>sessions_costs</c>): a prepaid CDR that reaches CDRs without its session's
/// CostDetails (the agent's ProcessCDR came after a restart, or straight to CDRs) takes its cost from here instead of
/// being charged a second time.
/// </summary>
public interface ISessionCostSource
{
    /// <summary>The run's final cost and its EventCost JSON; null when SessionS settled none.</summary>
    Task<(decimal Cost, string CostDetails)?> GetSessionCostAsync(string cgrId, string runId, CancellationToken cancellationToken);
}
