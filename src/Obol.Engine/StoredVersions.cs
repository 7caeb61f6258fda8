using System.Text.Json;
using Obol.Api;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>The data and stor DB versions as documents of the embedded store (<c>versions</c>/<c>datadb</c>, <c>stordb</c>).</summary>
internal sealed class StoredVersions(SqliteDocumentStore documents) : IVersionStore
{
    private const string Collection = "versions";

    public async Task<IReadOnlyDictionary<string, long>?> GetAsync(string db, CancellationToken ct = default) =>
        await documents.GetAsync(Collection, db, ct).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, long>>(json)
            : null;

    public async Task SetAsync(string db, IReadOnlyDictionary<string, long> versions, CancellationToken ct = default) =>
        await documents.PutAsync(Collection, db, JsonSerializer.Serialize(versions), ct).ConfigureAwait(false);
}
