using Obol.Cdrs;

namespace Obol.CdrServer.Tests;

/// <summary>A store whose reads take a while, so that concurrent callers all read before any of them writes.</summary>
internal sealed class DelayedCdrStore(ICdrStore inner, TimeSpan delay) : ICdrStore
{
    public ValueTask<CdrWriteResult> PutAsync(Cdr cdr, bool allowUpdate, CancellationToken cancellationToken = default) =>
        inner.PutAsync(cdr, allowUpdate, cancellationToken);

    public async ValueTask<IReadOnlyList<Cdr>> GetAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.GetAsync(query, cancellationToken);
    }

    public ValueTask<long> CountAsync(CdrQuery query, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

    public ValueTask<long> RemoveAsync(CdrQuery query, CancellationToken cancellationToken = default) => inner.RemoveAsync(query, cancellationToken);
}
