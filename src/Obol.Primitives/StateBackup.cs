using System.Collections.Concurrent;

namespace Obol.Primitives;

/// <summary>
/// The <c>store_interval</c> of StatS, ThresholdS and ResourceS (CGRateS's dirty flag and backup loop). Unset or
/// negative: a changed state is stored at once, with the change. Positive: it is marked, and
/// <see cref="StoreMarkedAsync"/> stores the marked ones; the engine calls it that often and once more at shutdown.
/// Zero: never stored while running, as CGRateS's code does.
/// </summary>
/// <remarks>Obol reads an unset interval as "store with every change" where CGRateS reads it as zero, so a default
/// configuration loses no counter to a crash.</remarks>
public sealed class StateBackup(Usage? interval)
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), byte> _marked = new();

    /// <summary>How often the engine calls <see cref="StoreMarkedAsync"/> for <paramref name="interval"/>; null when
    /// nothing is marked (stored with each change, or never while running).</summary>
    public static TimeSpan? BackupPeriod(Usage? interval) =>
        interval is { } every && every > Usage.Zero ? TimeSpan.FromTicks(Math.Max(1, every.Nanoseconds / 100)) : null;

    /// <summary>How many changed states wait for the next backup.</summary>
    public int MarkedCount => _marked.Count;

    /// <summary>Called after a stored state changed: true when the caller stores it now; otherwise it is marked for the
    /// next backup (periodic) or left in memory (zero).</summary>
    public bool StoreNow(string tenant, string id)
    {
        if (interval is not { } every || every < Usage.Zero)
        {
            return true;
        }
        if (BackupPeriod(every) is not null)
        {
            _marked.TryAdd((tenant, id), 0);
        }
        return false;
    }

    /// <summary>
    /// Stores the marked states. <paramref name="snapshot"/> gives one's JSON, read under its lock, or null when the
    /// state is gone (its profile removed); <paramref name="save"/> writes it. One that fails stays marked for the
    /// next backup and its error is thrown.
    /// </summary>
    /// <returns>How many were stored.</returns>
    public async Task<int> StoreMarkedAsync(Func<string, string, CancellationToken, ValueTask<string?>> snapshot,
        Func<string, string, string, CancellationToken, ValueTask> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(save);
        var stored = 0;
        foreach (var key in _marked.Keys)
        {
            if (!_marked.TryRemove(key, out _))
            {
                continue;
            }
            try
            {
                if (await snapshot(key.Tenant, key.Id, cancellationToken).ConfigureAwait(false) is not { } json)
                {
                    continue;
                }
                await save(key.Tenant, key.Id, json, cancellationToken).ConfigureAwait(false);
                stored++;
            }
            catch
            {
                _marked.TryAdd(key, 0);
                throw;
            }
        }
        return stored;
    }
}
