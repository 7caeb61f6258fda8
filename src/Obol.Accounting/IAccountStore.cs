using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>
/// Where accounts live (the port storage implements). <see cref="GetAsync"/> hands out a private copy: changes reach
/// the store only through <see cref="SaveAsync(Account, CancellationToken)"/>, so an operation that fails half-way leaves nothing behind.
/// Callers hold the account's lock (<see cref="IAccountLocks"/>) from load to save.
/// </summary>
public interface IAccountStore
{
    ValueTask<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default);

    ValueTask SaveAsync(Account account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the accounts and writes the journal documents atomically: after a crash either all of it is on disk or none.
    /// A store without documents saves the accounts one by one and drops the journal.
    /// </summary>
    async ValueTask SaveAsync(IReadOnlyList<Account> accounts, IReadOnlyList<JournalWrite> journal, CancellationToken cancellationToken = default)
    {
        foreach (var account in accounts)
        {
            await SaveAsync(account, cancellationToken).ConfigureAwait(false);
        }
    }

    ValueTask<bool> RemoveAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Ids (<c>tenant:account</c>) of the tenant's accounts, or of all when <paramref name="tenant"/> is null.</summary>
    ValueTask<IReadOnlyList<string>> ListAsync(string? tenant, CancellationToken cancellationToken = default);
}

/// <summary>One lock per account id: operations on one account serialise, different accounts run in parallel.
/// A distributed backend replaces this with its own lease.</summary>
public interface IAccountLocks
{
    ValueTask<IAsyncDisposable> AcquireAsync(string accountId, CancellationToken cancellationToken = default);
}
