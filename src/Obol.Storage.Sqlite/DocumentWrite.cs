namespace Obol.Storage.Sqlite;

/// <summary>One put (or, with a null <paramref name="Json"/>, one delete) of a <see cref="SqliteDocumentStore.WriteAsync"/> batch.</summary>
public sealed record DocumentWrite(string Collection, string Key, string? Json);
