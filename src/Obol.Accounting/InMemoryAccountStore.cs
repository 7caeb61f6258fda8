using System.Collections.Concurrent;

namespace Obol.Accounting;

/// <summary>Accounts in process memory. Reads hand out copies, so a change reaches the store only when saved; a saved
/// account is kept as given, and its holder must not touch it afterwards.</summary>
public sealed class InMemoryAccountStore : IAccountStore
{
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    public int Count => _accounts.Count;

    public ValueTask<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_accounts.TryGetValue(accountId, out var account) ? account.Clone() : null);

    public ValueTask SaveAsync(Account account, CancellationToken cancellationToken = default)
    {
        account.ClearDirty();
        _accounts[account.Id] = account;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_accounts.TryRemove(accountId, out _));

    public ValueTask<IReadOnlyList<string>> ListAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> ids = [.. _accounts.Values.Where(a => tenant is null || a.Tenant == tenant).Select(a => a.Id).Order(StringComparer.Ordinal)];
        return ValueTask.FromResult(ids);
    }
}
