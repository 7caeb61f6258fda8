namespace Obol.Cdrs;

/// <summary>
/// Where CDRs are kept (CGRateS's StorDB <c>cdrs</c> table). The key is CGRID + RunID; the store assigns
/// <see cref="Cdr.OrderId"/>, increasing with every insert and kept on update. A write is durable when its task
/// completes.
/// </summary>
public interface ICdrStore
{
    /// <summary>Inserts <paramref name="cdr"/>; an existing CGRID + RunID is replaced (keeping its OrderID) when
    /// <paramref name="allowUpdate"/>, else refused with <see cref="CdrWriteOutcome.Duplicate"/> (CGRateS's
    /// <c>EXISTS</c>). The argument is not modified.</summary>
    ValueTask<CdrWriteResult> PutAsync(Cdr cdr, bool allowUpdate, CancellationToken cancellationToken = default);

    /// <summary>The matching CDRs, ordered and paged; empty when none (the API answers <c>NOT_FOUND</c> then).</summary>
    ValueTask<IReadOnlyList<Cdr>> GetAsync(CdrQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many CDRs match; Limit and Offset are ignored, as SQL's COUNT ignores them.</summary>
    ValueTask<long> CountAsync(CdrQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the matching CDRs (all of them: Limit, Offset and OrderBy are ignored) and answers how many.</summary>
    ValueTask<long> RemoveAsync(CdrQuery query, CancellationToken cancellationToken = default);
}
