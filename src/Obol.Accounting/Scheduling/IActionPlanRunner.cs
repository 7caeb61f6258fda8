namespace Obol.Accounting.Scheduling;

/// <summary>
/// Runs one action list on accounts when the scheduler says so. The host implements it over the account service
/// (CGRateS parity: ActionTiming.Execute): per account take the lock, load the account or create it when missing,
/// run the actions in weight order, stop at the first failing action without saving, save otherwise.
/// </summary>
public interface IActionPlanRunner
{
    /// <summary>Runs <paramref name="actionsId"/> on every account of <paramref name="accountIds"/>
    /// (<c>tenant:account</c>); an empty collection means an account-less plan, where only actions that need no
    /// account run. A failure on one account must not stop the others.</summary>
    Task RunAsync(string actionsId, IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken);
}
