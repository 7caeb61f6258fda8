namespace Obol.Primitives;

/// <summary>
/// A document written in the same transaction as an account change: the record of why the balance moved (a session's
/// debit, its final cost), so a crash never keeps one without the other. <see cref="Json"/> null deletes the key.
/// </summary>
public sealed record JournalWrite(string Collection, string Key, string? Json);
