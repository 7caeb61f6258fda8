using Obol.Primitives;

namespace Obol.Accounting;

/// <summary>
/// Where accounts live (the port storage implements). <see cref="GetAsync"/> hands out a private copy: changes reach
/// the store only through <see cref="SaveAsync(Account, CancellationToken)"/>, so an operation that fails half-way leaves nothing behind.
/// Callers hold the account's lock (<see cref="IAccountLocks"/>) from load to save.
/// </summary>
public interface IAccountStore
{
    /// <summary>What is durably stored: what readers outside the account's lock see.</summary>
    ValueTask<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Under the account's lock: the state the next change must start from, the last one saved even if it is still on
    /// its way to the disk.
    /// </summary>
    ValueTask<Account?> GetLatestAsync(string accountId, CancellationToken cancellationToken = default) => GetAsync(accountId, cancellationToken);

    /// <summary>
    /// Accepts the new state before it returns (a <see cref="GetLatestAsync"/> that follows sees it at once); the task
    /// completes once it is durable, and faults if it never becomes so. So the caller may release the account's lock
    /// before awaiting it: the account's next change runs while this one is written, in order. A state derived from
    /// one that failed must fail too.
    /// </summary>
    ValueTask SaveAsync(Account account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the accounts and writes the journal documents atomically: after a crash either all of it is on disk or none.
    /// Accepted at once, as <see cref="SaveAsync(Account, CancellationToken)"/>. A store without documents saves the
    /// accounts one by one and drops the journal.
    /// </summary>
    ValueTask SaveAsync(IReadOnlyList<Account> accounts, IReadOnlyList<JournalWrite> journal, CancellationToken cancellationToken = default)
    {
        var saves = new Task[accounts.Count];
        for (var i = 0; i < accounts.Count; i++)
        {
            saves[i] = SaveAsync(accounts[i], cancellationToken).AsTask();
        }
        return new ValueTask(Task.WhenAll(saves));
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
