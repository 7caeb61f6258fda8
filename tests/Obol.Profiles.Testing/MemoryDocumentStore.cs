using Obol.Primitives;

namespace Obol.Profiles.Testing;

/// <summary>A document store kept in a dictionary, shared between "restarts" of what uses it in one test (the profile
/// catalog, the session journal).</summary>
public sealed class MemoryDocumentStore : IProfileDocumentStore
{
    public SortedDictionary<(string Collection, string Key), string> Documents { get; } = [];

    public int Batches { get; private set; }

    public ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string collection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<KeyValuePair<string, string>>>(
            [.. Documents.Where(d => d.Key.Collection == collection).Select(d => KeyValuePair.Create(d.Key.Key, d.Value))]);

    public ValueTask WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken)
    {
        Batches++;
        foreach (var write in writes)
        {
            if (write.Json is null)
            {
                Documents.Remove((write.Collection, write.Key));
            }
            else
            {
                Documents[(write.Collection, write.Key)] = write.Json;
            }
        }
        return ValueTask.CompletedTask;
    }
}
