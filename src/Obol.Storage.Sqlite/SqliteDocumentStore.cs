using Obol.Primitives;

namespace Obol.Storage.Sqlite;

/// <summary>
/// Durable JSON documents by collection and key, for subsystems that have no table of their own yet (profiles, stat
/// queues, CDRs). Writes go through the group committer and return once committed, in the order they were made
/// (none are coalesced, so a delete reports whether the document existed at that point). Reads see every
/// acknowledged write.
/// </summary>
public sealed class SqliteDocumentStore
{
    private const string Upsert = "INSERT INTO documents (collection, key, json) VALUES ($p0, $p1, $p2) ON CONFLICT (collection, key) DO UPDATE SET json = excluded.json";
    private const string Delete = "DELETE FROM documents WHERE collection = $p0 AND key = $p1";

    private readonly SqliteStore _store;

    internal SqliteDocumentStore(SqliteStore store)
    {
        _store = store;
    }

    public async ValueTask PutAsync(string collection, string key, string json, CancellationToken cancellationToken = default) =>
        await _store.WriteAsync(new WriteOperation(null, batch => batch.Run(Upsert, collection, key, json) > 0), cancellationToken).ConfigureAwait(false);

    /// <summary>True when the document existed.</summary>
    public async ValueTask<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken = default) =>
        await _store.WriteAsync(new WriteOperation(null, batch => batch.Run(Delete, collection, key) > 0), cancellationToken).ConfigureAwait(false);

    /// <summary>Puts and deletes documents (a null <see cref="JournalWrite.Json"/> deletes) in one transaction, in
    /// order: a reader or a restart sees all of them or none.</summary>
    public async ValueTask WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return;
        }
        var copy = writes.ToArray();
        await _store.WriteAsync(new WriteOperation(null, batch =>
        {
            Apply(batch, copy);
            return true;
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the puts and deletes inside a batch another write owns (an account save with its journal).</summary>
    internal static void Apply(WriteBatch batch, IReadOnlyList<JournalWrite> writes)
    {
        foreach (var write in writes)
        {
            _ = write.Json is null ? batch.Run(Delete, write.Collection, write.Key) : batch.Run(Upsert, write.Collection, write.Key, write.Json);
        }
    }

    public async ValueTask<string?> GetAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT json FROM documents WHERE collection = $c AND key = $k";
            command.Parameters.AddWithValue("$c", collection);
            command.Parameters.AddWithValue("$k", key);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    /// <summary>The documents of <paramref name="collection"/> whose key starts with <paramref name="keyPrefix"/>,
    /// ordered by key (ordinal, as SQLite compares UTF-8).</summary>
    public async ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string collection, string keyPrefix = "",
        CancellationToken cancellationToken = default)
    {
        var result = new List<KeyValuePair<string, string>>();
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // The range start uses the primary key; substr keeps the match exact whatever characters follow the prefix.
            command.CommandText = """
                SELECT key, json FROM documents WHERE collection = $c AND key >= $p AND substr(key, 1, length($p)) = $p
                ORDER BY key
                """;
            command.Parameters.AddWithValue("$c", collection);
            command.Parameters.AddWithValue("$p", keyPrefix);
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(KeyValuePair.Create(rows.GetString(0), rows.GetString(1)));
                }
            }
        }
        return result;
    }
}
