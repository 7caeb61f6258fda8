namespace Obol.CdrServer;

/// <summary>
/// The costs SessionS settled (CGRateS's <c>sessions_costs</c>): a prepaid CDR that reaches CDRs without its session's
/// CostDetails (the agent's ProcessCDR came after a restart, or straight to CDRs) takes its cost from here instead of
/// being charged a second time.
/// </summary>
public interface ISessionCostSource
{
    /// <summary>The run's final cost, its EventCost JSON and where it came from (<c>*sessions</c>, or the CostSource of a
    /// posted SMCost); null when none is stored.</summary>
    Task<(decimal Cost, string CostDetails, string CostSource)?> GetSessionCostAsync(string cgrId, string runId, CancellationToken cancellationToken);

    /// <summary>A CDR with the run's session cost is stored: the cost is in the CDR now, and SessionS's own record of it
    /// is needed only where <c>store_session_costs</c> keeps it.</summary>
    void CdrStored(string cgrId, string runId);

    /// <summary>CDRsV1.StoreSessionCost: keeps a cost settled elsewhere for the run's CDR; null, or CGRateS's error
    /// (<c>EXISTS</c> for a run that has one, when <paramref name="checkDuplicate"/>).</summary>
    Task<string?> StoreCostAsync(PostedSessionCost cost, bool checkDuplicate, CancellationToken cancellationToken);
}

/// <summary>engine.SMCost as CDRsV1.StoreSessionCost receives it, its CostDetails the EventCost JSON.</summary>
public sealed record PostedSessionCost(string CgrId, string RunId, string OriginHost, string OriginId, string CostSource, string CostDetails);
