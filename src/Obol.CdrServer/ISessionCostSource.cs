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

    /// <summary>A CDR with the run's session cost is stored: the cost is in the CDR now, and SessionS's own record of it
    /// is needed only where <c>store_session_costs</c> keeps it.</summary>
    void CdrStored(string cgrId, string runId);
}
