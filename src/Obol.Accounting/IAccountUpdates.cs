using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// Where AccountS publishes an account once a change moved its balances: CGRateS's Account.Publish, an AccountUpdate
/// event for ThresholdS and StatS when <c>rals.thresholds_conns</c> or <c>rals.stats_conns</c> name them.
/// </summary>
public interface IAccountUpdates
{
    /// <summary>Called once the change is saved and the account's lock released, so what the event sets off (a
    /// threshold's actions) may take that lock. Each balance's Initial is its value before the change.</summary>
    ValueTask PublishAsync(AccountSummary account, CancellationToken cancellationToken);
}
