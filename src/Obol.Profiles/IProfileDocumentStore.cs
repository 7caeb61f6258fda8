namespace Obol.Profiles;

/// <summary>Where the catalog keeps profiles and subsystem state as JSON documents; a write completes once durable.</summary>
public interface IProfileDocumentStore
{
    ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Applies every write in one transaction; a null JSON deletes the document.</summary>
    ValueTask WriteAsync(IReadOnlyList<ProfileDocumentWrite> writes, CancellationToken cancellationToken);
}

public sealed record ProfileDocumentWrite(string Collection, string Key, string? Json);
