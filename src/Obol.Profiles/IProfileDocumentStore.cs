using Obol.Primitives;

namespace Obol.Profiles;

/// <summary>Where the catalog keeps profiles and subsystem state as JSON documents; a write completes once durable.</summary>
public interface IProfileDocumentStore
{
    ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string collection, CancellationToken cancellationToken);

    /// <summary>One document, null when there is none.</summary>
    async ValueTask<string?> GetAsync(string collection, string key, CancellationToken cancellationToken) =>
        (await ListAsync(collection, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Key == key).Value;

    /// <summary>Applies every write in one transaction; a null JSON deletes the document.</summary>
    ValueTask WriteAsync(IReadOnlyList<JournalWrite> writes, CancellationToken cancellationToken);
}

