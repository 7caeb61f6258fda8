using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>
/// What SessionS asks of RALs (the CGRateS <c>Responder</c> methods). The engine implements it in process over
/// <c>AccountService</c>; errors are CGRateS wire strings (<see cref="ErrorCodes"/>), never exceptions. Journal
/// documents given with a debit or a settlement are saved atomically with the accounts they change.
/// </summary>
public interface ISessionRater
{
    /// <summary><c>Responder.GetMaxSessionTime</c>: the usage the account can pay for, capped at the descriptor's duration; -1 = unlimited.</summary>
    Task<(Usage MaxUsage, string? Error)> GetMaxSessionTimeAsync(CallDescriptor call, CancellationToken cancellationToken);

    /// <summary><c>Responder.GetCost</c>: prices the descriptor without touching any balance.</summary>
    Task<(CallCost? Cost, string? Error)> GetCostAsync(CallDescriptor call, CancellationToken cancellationToken);

    /// <summary><c>Responder.MaxDebit</c>: debits at most the descriptor's duration; the answer may cover less (or nothing).</summary>
    Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
        CancellationToken cancellationToken);

    /// <summary><c>Responder.Debit</c>: debits the whole duration (may go negative).</summary>
    Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
        CancellationToken cancellationToken);

    /// <summary>
    /// <c>Responder.RefundIncrements</c> then <c>Responder.RefundRounding</c> as one change: the unused increments (each with
    /// its BalanceInfo) given back, and each rounding increment's Cost (the correction rounded − raw already added to the
    /// session's cost) taken off the monetary balance that paid its span. <paramref name="journal"/> is then given the
    /// summary of the call's account as the change left it (null when no refund touched it) and answers the documents
    /// saved with the change.
    /// </summary>
    Task<string?> SettleAsync(CallDescriptor call, IReadOnlyList<Increment> refunds, IReadOnlyList<Increment> roundIncrements,
        Func<AccountSummary?, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken);

    /// <summary>
    /// <c>Responder.Debit</c> of a run's last stretch and the run's settlement after it, as one change of the account:
    /// <paramref name="rounding"/> is given the debit's cost while the account is held and answers the rounding increments
    /// to apply (as <see cref="SettleAsync"/>'s); <paramref name="journal"/> is then given the cost, its AccountSummary
    /// as the rounding left the account, and answers the documents saved with both. Neither is called when the debit
    /// fails; then nothing changes.
    /// </summary>
    Task<(CallCost? Cost, string? Error)> DebitAndSettleAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<Increment>> rounding,
        Func<CallCost, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken);
}
