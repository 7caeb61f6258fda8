using Obol.Rating;

namespace Obol.Accounting;

/// <summary>A call descriptor plus the debit switches CGRateS carries on it.</summary>
public sealed class DebitRequest(CallDescriptor call)
{
    public CallDescriptor Call { get; } = call;

    /// <summary>Compute on the account without saving it.</summary>
    public bool DryRun { get; init; }

    /// <summary>Apply each span's rating rounding and debit or refund the difference (CDR rating does).</summary>
    public bool PerformRounding { get; init; }

    /// <summary>Do not push the unpaid rest onto <c>*default</c> (CGRateS DenyNegativeAccount).</summary>
    public bool DenyNegativeAccount { get; init; }

    /// <summary>MaxDebit fails with INSUFFICIENT_CREDIT when the whole duration cannot be paid.</summary>
    public bool ForceDuration { get; init; }

    /// <summary>Prepaid guard: max usage stops at a rate above MaxRate per MaxRateUnit.</summary>
    public decimal MaxRate { get; init; }

    public Primitives.Usage MaxRateUnit { get; init; }

    /// <summary>Documents saved atomically with the debited accounts, built from the debit's cost (a session's journal).</summary>
    public Func<CallCost, IReadOnlyList<Primitives.JournalWrite>>? Journal { get; init; }

    /// <summary>The event's BalanceFactorID: which balance Factor applies to unit debits.</summary>
    public string? BalanceFactorId { get; init; }
}
