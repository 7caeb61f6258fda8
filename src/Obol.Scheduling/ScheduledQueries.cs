using System.Collections.Concurrent;
using NodaTime;

namespace Obol.Scheduling;

/// <summary>
/// The cron entries of one subsystem (TrendS, RankingS): one per profile, each running its query at the schedule's
/// times on its own loop until it is rescheduled, removed or the subsystem stops; what CGRateS keeps in its cron and
/// its map of entry IDs. A query that fails is the query's to report; the entry keeps its schedule.
/// </summary>
public sealed class ScheduledQueries(DateTimeZone zone, TimeProvider time, Action<string>? warn = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), Entry> _entries = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Runs <paramref name="query"/> at <paramref name="schedule"/>'s times from now on, in place of the
    /// profile's earlier entry.</summary>
    public void Schedule(string tenant, string id, CronSchedule schedule, Func<CancellationToken, Task> query)
    {
        var entry = new Entry(schedule, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _entries.AddOrUpdate((tenant, id), entry, (_, previous) =>
        {
            previous.Stop();
            return entry;
        });
        entry.Loop = RunAsync(tenant, id, entry, query);
    }

    public void Remove(string tenant, string id)
    {
        if (_entries.TryRemove((tenant, id), out var entry))
        {
            entry.Stop();
        }
    }

    public bool IsScheduled(string tenant, string id) => _entries.ContainsKey((tenant, id));

    /// <summary>The tenant's entries with their next and previous runs (Go's zero time for a run not made yet).</summary>
    public IReadOnlyList<(string Id, Instant? Next, Instant? Previous)> Entries(string tenant) =>
        [.. _entries.Where(e => e.Key.Tenant == tenant).Select(e => (e.Key.Id, e.Value.Next, e.Value.Previous))];

    private async Task RunAsync(string tenant, string id, Entry entry, Func<CancellationToken, Task> query)
    {
        var token = entry.Stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            if (entry.Schedule.Next(now, zone) is not { } next)
            {
                warn?.Invoke($"schedule <{entry.Schedule}> of {tenant}:{id} has no next run");
                return;
            }
            entry.Next = next;
            try
            {
                await DelayUntilAsync(next, token).ConfigureAwait(false);
                entry.Previous = next;
                await query(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed run must not end the schedule; the next one may succeed
            catch (Exception e)
#pragma warning restore CA1031
            {
                warn?.Invoke($"scheduled query of {tenant}:{id} failed: {e.Message}");
            }
        }
    }

    /// <summary>Waits in steps of at most a day: a timer cannot wait a month (@monthly, @yearly) in one go, and a clock
    /// set while waiting is caught up with.</summary>
    private async Task DelayUntilAsync(Instant next, CancellationToken token)
    {
        while (Instant.FromDateTimeOffset(time.GetUtcNow()) is var now && now < next)
        {
            var wait = (next - now).ToTimeSpan();
            await Task.Delay(wait < s_longestWait ? wait : s_longestWait, time, token).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan s_longestWait = TimeSpan.FromDays(1);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_entries.Values.Select(e => e.Loop ?? Task.CompletedTask)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private sealed class Entry(CronSchedule schedule, CancellationTokenSource stopping)
    {
        public CronSchedule Schedule { get; } = schedule;

        public CancellationTokenSource Stopping { get; } = stopping;

        public Task? Loop { get; set; }

        public Instant? Next { get; set; }

        public Instant? Previous { get; set; }

        public void Stop() => Stopping.Cancel();
    }
}
