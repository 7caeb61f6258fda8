namespace Obol.Accounting;

/// <summary>
/// How an action list ended on one account. When <see cref="Succeeded"/> is false the list stopped at
/// <see cref="FailedActionType"/> and CGRateS does not save the account (the scheduler reports PARTIALLY_EXECUTED);
/// <see cref="RemoveAccount"/> asks the caller to delete the account instead of saving it.
/// </summary>
public sealed record ActionRunResult(bool Succeeded, bool RemoveAccount, string? Error, string? FailedActionType)
{
    public static ActionRunResult Success(bool removeAccount) => new(true, removeAccount, null, null);

    public static ActionRunResult Failure(string actionType, string error) => new(false, false, error, actionType);

    /// <summary>Other accounts the run changed (a <c>*transfer_balance</c> destination), saved with the account.</summary>
    public IReadOnlyList<Account> AlsoChanged { get; init; } = [];

    /// <summary>Save the account when the list succeeded and did not remove it.</summary>
    public bool ShouldSave => Succeeded && !RemoveAccount;
}
