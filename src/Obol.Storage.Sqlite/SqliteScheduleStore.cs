using NodaTime;
using NodaTime.Text;
using Obol.Accounting.Scheduling;

namespace Obol.Storage.Sqlite;

/// <summary>The scheduler's next runs, one row per key, written as ISO instants; consumed one-shots are
/// <c>*consumed</c> (as in <see cref="FileScheduleStore"/>). Saves and removals return once committed.</summary>
public sealed class SqliteScheduleStore : IScheduleStore
{
    private const string ConsumedText = "*consumed";
    private const string Upsert = "INSERT INTO schedule (key, next_run) VALUES ($p0, $p1) ON CONFLICT (key) DO UPDATE SET next_run = excluded.next_run";
    private const string Delete = "DELETE FROM schedule WHERE key = $p0";
    private static readonly InstantPattern s_instant = InstantPattern.ExtendedIso;

    private readonly SqliteStore _store;

    internal SqliteScheduleStore(SqliteStore store)
    {
        _store = store;
    }

    public async ValueTask<IReadOnlyDictionary<string, Instant>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var entries = new Dictionary<string, Instant>(StringComparer.Ordinal);
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT key, next_run FROM schedule";
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var key = rows.GetString(0);
                    var text = rows.GetString(1);
                    var parsed = text == ConsumedText ? ParseResult<Instant>.ForValue(ScheduleStore.Consumed) : s_instant.Parse(text);
                    entries[key] = parsed.Success ? parsed.Value
                        : throw new InvalidDataException($"{_store.DatabasePath}: schedule {key}: bad next run \"{text}\"");
                }
            }
        }
        return entries;
    }

    public async ValueTask SaveAsync(IReadOnlyDictionary<string, Instant> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var rows = entries.Select(kv => (kv.Key, Text: kv.Value == ScheduleStore.Consumed ? ConsumedText : s_instant.Format(kv.Value))).ToArray();
        await _store.WriteAsync(new WriteOperation(null, batch =>
        {
            foreach (var (key, text) in rows)
            {
                batch.Run(Upsert, key, text);
            }
            return true;
        }), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return;
        }
        var copy = keys.ToArray();
        await _store.WriteAsync(new WriteOperation(null, batch =>
        {
            foreach (var key in copy)
            {
                batch.Run(Delete, key);
            }
            return true;
        }), cancellationToken).ConfigureAwait(false);
    }
}
