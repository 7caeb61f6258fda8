using Obol.Primitives;

namespace Obol.Cdrs;

public enum CdrWriteOutcome
{
    Inserted,
    Updated,
    Duplicate,
}

/// <summary>What <see cref="ICdrStore.PutAsync"/> did, and the CDR's OrderID in the store (0 for a refused duplicate).</summary>
public readonly record struct CdrWriteResult(CdrWriteOutcome Outcome, long OrderId)
{
    public bool IsStored => Outcome != CdrWriteOutcome.Duplicate;

    /// <summary>The wire error, <c>EXISTS</c> (utils.ErrExists) for a duplicate; null when stored.</summary>
    public string? Error => IsStored ? null : ErrorCodes.Exists;
}
