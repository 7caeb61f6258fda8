using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Obol.Rals;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>The load IDs and load history as one document of the embedded store (<c>load_ids</c>/<c>state</c>).</summary>
internal sealed class StoredLoadIds(SqliteDocumentStore documents) : ILoadIdStore
{
    private const string Collection = "load_ids";
    private const string Key = "state";

    public async Task<LoadIdState?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await documents.GetAsync(Collection, Key, cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return null;
        }
        var stored = JsonSerializer.Deserialize<Document>(json) ?? throw new InvalidDataException($"{Collection}/{Key}: null document");
        return new LoadIdState(stored.Ids.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. stored.History.Select(h => new LoadInstance(h.LoadId, h.RatingLoadId, h.AccountingLoadId, Instant.FromUnixTimeTicks(h.LoadTimeNanos / 100)))]);
    }

    public async Task SaveAsync(LoadIdState state, CancellationToken cancellationToken = default)
    {
        var document = new Document(state.Ids,
            [.. state.History.Select(h => new StoredLoad(h.LoadId, h.RatingLoadId, h.AccountingLoadId, h.LoadTime.ToUnixTimeTicks() * 100))]);
        await documents.PutAsync(Collection, Key, JsonSerializer.Serialize(document), cancellationToken).ConfigureAwait(false);
    }

    private sealed record Document(IReadOnlyDictionary<string, long> Ids, IReadOnlyList<StoredLoad> History);

    private sealed record StoredLoad(string LoadId, string RatingLoadId, string AccountingLoadId, long LoadTimeNanos);
}
