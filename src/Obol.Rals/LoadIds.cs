using NodaTime;

namespace Obol.Rals;

/// <summary>
/// CGRateS's load IDs: for each cache partition (<c>*attribute_profiles</c>, <c>*rating_plans</c>, ...) the time, in
/// Unix nanoseconds, of the last load or API change that touched it, which tells other nodes and callers that the data
/// changed. A tariff-plan load stamps every partition it brought with one ID and is remembered in the load history,
/// newest first (CGRateS's LoadInstance). Both survive a restart when a store is given.
/// </summary>
public sealed class LoadIds(IClock clock, ILoadIdStore? store = null) : IDisposable
{
    /// <summary>The loads the history keeps (CGRateS's former <c>load_history_size</c> default).</summary>
    public const int HistorySize = 10;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile LoadIdState _state = LoadIdState.Empty;

    /// <summary>Every partition's load ID, by partition.</summary>
    public IReadOnlyDictionary<string, long> All => _state.Ids;

    /// <summary>The tariff-plan loads, newest first.</summary>
    public IReadOnlyList<LoadInstance> History => _state.History;

    public async Task RestoreAsync(CancellationToken cancellationToken = default)
    {
        if (store is not null && await store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } stored)
        {
            _state = stored;
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Gives <paramref name="partitions"/> one new load ID; nothing when there is none.</summary>
    public async Task StampAsync(IEnumerable<string> partitions, CancellationToken cancellationToken = default)
    {
        var touched = partitions.ToList();
        if (touched.Count > 0)
        {
            await ChangeAsync(touched, load: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A tariff-plan load: stamps <paramref name="partitions"/> and adds the load to the history.</summary>
    public Task<LoadInstance> RecordLoadAsync(IEnumerable<string> partitions, CancellationToken cancellationToken = default) =>
        ChangeAsync([.. partitions], load: true, cancellationToken);

    private async Task<LoadInstance> ChangeAsync(List<string> partitions, bool load, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetCurrentInstant();
            // Unique and increasing even when two changes fall on one clock reading.
            var id = Math.Max(now.ToUnixTimeTicks() * 100, _state.Ids.Values.DefaultIfEmpty(0).Max() + 1);
            var ids = _state.Ids.SetItems(partitions.Select(p => KeyValuePair.Create(p, id)));
            var dataLoadId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var instance = new LoadInstance(Guid.NewGuid().ToString(), dataLoadId, dataLoadId, now);
            var history = load ? _state.History.Insert(0, instance) : _state.History;
            var next = new LoadIdState(ids, history.Count > HistorySize ? history.RemoveRange(HistorySize, history.Count - HistorySize) : history);
            if (store is not null)
            {
                await store.SaveAsync(next, cancellationToken).ConfigureAwait(false);
            }
            _state = next;
            return instance;
        }
        finally
        {
            _gate.Release();
        }
    }
}
