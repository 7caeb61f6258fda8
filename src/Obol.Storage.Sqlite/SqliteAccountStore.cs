using System.Buffers;
using System.Collections.Concurrent;
using Obol.Accounting;
using Obol.Primitives;

namespace Obol.Storage.Sqlite;

/// <summary>
/// Accounts held in memory and on disk: reads are served from memory (as copies), a save or removal returns once its
/// row is committed. Memory changes on the writer right after the commit, so a reader never sees an account the
/// disk does not hold. Rows hold <see cref="AccountJson"/> (CGRateS's account JSON) and the tenant, which the JSON's
/// <c>tenant:account</c> ID cannot give back unambiguously when either part holds a <c>:</c>.
/// </summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private const string Upsert = "INSERT INTO accounts (id, tenant, json) VALUES ($p0, $p1, $p2) ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, json = excluded.json";
    private const string Delete = "DELETE FROM accounts WHERE id = $p0";

    private readonly SqliteStore _store;
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly PendingAccounts _pending = new();

    internal SqliteAccountStore(SqliteStore store)
    {
        _store = store;
    }

    public int Count => _accounts.Count;

    /// <summary>What the disk holds.</summary>
    public ValueTask<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Committed(accountId));

    /// <summary>The newest accepted state, which may still be on its way to the disk.</summary>
    public ValueTask<Account?> GetLatestAsync(string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_pending.Load(accountId, () => Committed(accountId)));

    /// <summary>Accepts <paramref name="account"/> at once (its holder must not touch it afterwards); the task completes
    /// once it is on disk. Not cancellable once queued.</summary>
    public ValueTask SaveAsync(Account account, CancellationToken cancellationToken = default)
    {
        account.ClearDirty();
        var json = Utf8Json(account);
        var ticket = _pending.Accept(account);
        var operation = new WriteOperation("a\0" + account.Id,
            batch => batch.Run(Upsert, account.Id, account.Tenant, json) > 0,
            _ =>
            {
                _accounts[account.Id] = account;
                PendingAccounts.Written(ticket);
                return true;
            },
            _ => PendingAccounts.Failed(ticket),
            () => PendingAccounts.ThrowIfStale(ticket));
        return new ValueTask(_store.WriteAsync(operation, cancellationToken));
    }

    /// <summary>The accounts and the journal documents in one transaction, accepted at once; memory changes once it
    /// is committed.</summary>
    public ValueTask SaveAsync(IReadOnlyList<Account> accounts, IReadOnlyList<JournalWrite> journal, CancellationToken cancellationToken = default)
    {
        var rows = new (Account Account, Utf8Text Json, PendingAccounts.Ticket Ticket)[accounts.Count];
        for (var i = 0; i < accounts.Count; i++)
        {
            accounts[i].ClearDirty();
            rows[i] = (accounts[i], Utf8Json(accounts[i]), _pending.Accept(accounts[i]));
        }
        var documents = journal.ToArray();
        var operation = new WriteOperation(null,
            batch =>
            {
                foreach (var (account, json, _) in rows)
                {
                    batch.Run(Upsert, account.Id, account.Tenant, json);
                }
                SqliteDocumentStore.Apply(batch, documents);
                return true;
            },
            _ =>
            {
                foreach (var (account, _, ticket) in rows)
                {
                    _accounts[account.Id] = account;
                    PendingAccounts.Written(ticket);
                }
                return true;
            },
            _ =>
            {
                foreach (var row in rows)
                {
                    PendingAccounts.Failed(row.Ticket);
                }
            },
            () =>
            {
                foreach (var row in rows)
                {
                    PendingAccounts.ThrowIfStale(row.Ticket);
                }
            });
        return new ValueTask(_store.WriteAsync(operation, cancellationToken));
    }

    public async ValueTask<bool> RemoveAsync(string accountId, CancellationToken cancellationToken = default)
    {
        // Under the account's lock nothing new is accepted meanwhile, so once the accepted states are written the
        // removal is the account's last word.
        await _pending.WhenWrittenAsync(accountId).ConfigureAwait(false);
        var operation = new WriteOperation("a\0" + accountId,
            batch => batch.Run(Delete, accountId) > 0,
            _ => _accounts.TryRemove(accountId, out Account? _));
        return await _store.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    private Account? Committed(string accountId) => _accounts.TryGetValue(accountId, out var account) ? account.Clone() : null;

    public ValueTask<IReadOnlyList<string>> ListAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> ids = [.. _accounts.Values.Where(a => tenant is null || a.Tenant == tenant).Select(a => a.Id).Order(StringComparer.Ordinal)];
        return ValueTask.FromResult(ids);
    }

    internal async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, tenant, json FROM accounts";
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = rows.GetString(0);
                    Account account;
                    try
                    {
                        account = AccountJsonReader.Read(rows.GetString(2), rows.GetString(1));
                    }
                    catch (InvalidDataException e)
                    {
                        // Refuse to start rather than run without an account that was acknowledged as saved.
                        throw new InvalidDataException($"{_store.DatabasePath}: account {id}: {e.Message}", e);
                    }
                    _accounts[account.Id] = account;
                }
            }
        }
    }

    // Serialised on the caller's thread, so concurrent savers share the JSON work the single writer would otherwise do
    // alone; kept as the UTF-8 SQLite stores, so the writer binds it as it is.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    private static Utf8Text Utf8Json(Account account)
    {
        var buffer = t_json ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        AccountJson.WriteUtf8(account, buffer);
        return new Utf8Text(buffer.WrittenSpan.ToArray());
    }
}
