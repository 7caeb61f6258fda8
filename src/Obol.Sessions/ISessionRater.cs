using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions;

/// <summary>
/// What SessionS asks of RALs (the CGRateS <c>Responder</c> methods). The engine implements it in process over
/// <c>AccountService</c>; errors are CGRateS wire strings (<see cref="ErrorCodes"/>), never exceptions.
/// </summary>
public interface ISessionRater
{
    /// <summary><c>Responder.GetMaxSessionTime</c>: the usage the account can pay for, capped at the descriptor's duration; -1 = unlimited.</summary>
    Task<(Usage MaxUsage, string? Error)> GetMaxSessionTimeAsync(CallDescriptor call, CancellationToken cancellationToken);

    /// <summary><c>Responder.MaxDebit</c>: debits at most the descriptor's duration; the answer may cover less (or nothing).</summary>
    Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, CancellationToken cancellationToken);

    /// <summary><c>Responder.Debit</c>: debits the whole duration (may go negative).</summary>
    Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, CancellationToken cancellationToken);

    /// <summary><c>Responder.RefundIncrements</c>: gives back the listed increments (each with its BalanceInfo).</summary>
    Task<string?> RefundIncrementsAsync(CallDescriptor call, IReadOnlyList<Increment> increments, CancellationToken cancellationToken);

    /// <summary>
    /// <c>Responder.RefundRounding</c>: each increment's Cost is the rounding correction (rounded − raw) already added to the
    /// session's cost; the rater takes it off the monetary balance that paid the span (refunds −Cost).
    /// </summary>
    Task<string?> RefundRoundingAsync(CallDescriptor call, IReadOnlyList<Increment> roundIncrements, CancellationToken cancellationToken);
}
