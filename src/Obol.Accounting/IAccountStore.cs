namespace Obol.Accounting;

/// <summary>
/// Where accounts live (the port storage implements). <see cref="GetAsync"/> hands out a private copy: changes reach
/// the store only through <see cref="SaveAsync"/>, so an operation that fails half-way leaves nothing behind.
/// Callers hold the account's lock (<see cref="IAccountLocks"/>) from load to save.
/// </summary>
public interface IAccountStore
{
    ValueTask<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default);

    ValueTask SaveAsync(Account account, CancellationToken cancellationToken = default);

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
