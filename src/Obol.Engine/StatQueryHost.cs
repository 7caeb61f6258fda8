using System.Text.Json;
using NodaTime;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Scheduling;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>
/// What TrendS and RankingS do alike around their computations (engine/trends.go, rankings.go): restoring the stored
/// states, scheduling the profiles (<c>scheduled_ids</c> at start, <c>ScheduleQueries</c> later), storing a state after
/// a run as <c>store_interval</c> says, and listing the schedule.
/// </summary>
internal sealed class StatQueryHost(string subsystem, string collection, StatQueriesConfig config, SqliteDocumentStore documents, DateTimeZone zone,
    Action<string> warn) : IAsyncDisposable
{
    private readonly StateBackup _backup = new(config.StoreInterval);
    private readonly ScheduledQueries _schedules = new(zone, TimeProvider.System, m => warn($"<{subsystem}> " + m));

    public StatQueriesConfig Config => config;

    public void Warn(string message) => warn($"<{subsystem}> {message}");

    /// <summary>Hands each stored state to <paramref name="restore"/>; one that does not read is named and skipped.</summary>
    public async Task RestoreAsync<TWire>(Action<TWire> restore, CancellationToken cancellationToken)
    {
        foreach (var (key, json) in await documents.ListAsync(collection, "", cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (JsonSerializer.Deserialize<TWire>(json, GoJsonOptions.Default) is { } stored)
                {
                    restore(stored);
                }
            }
            catch (JsonException e)
            {
                Warn($"stored {collection} {key} not restored: {e.Message}");
            }
        }
    }

    /// <summary>Schedules the profiles <c>scheduled_ids</c> names (all when it names none).</summary>
    public void ScheduleConfigured<TProfile>(IEnumerable<TProfile> profiles, Func<TProfile, CronSchedule> schedule,
        Func<string, string, CancellationToken, Task> run)
        where TProfile : IEventProfile
    {
        foreach (var profile in StatQueryScheduling.Selected(profiles, config.ScheduledIds))
        {
            Schedule(profile, schedule(profile), run);
        }
    }

    /// <summary>V1ScheduleQueries: each ID's profile scheduled anew; an unknown one makes the answer PARTIALLY_EXECUTED.</summary>
    public RpcResult<int> ScheduleQueries<TProfile>(string tenant, IReadOnlyList<string>? ids, Func<string, string, TProfile?> find,
        Func<TProfile, CronSchedule> schedule, Func<string, string, CancellationToken, Task> run)
        where TProfile : class, IEventProfile
    {
        var partial = false;
        var scheduled = 0;
        foreach (var id in ids ?? [])
        {
            if (find(tenant, id) is { } profile)
            {
                Schedule(profile, schedule(profile), run);
            }
            else
            {
                Warn($"failed retrieving profile with id: <{tenant}:{id}> for scheduling, error: <NOT_FOUND>");
                partial = true;
            }
            scheduled++;
        }
        return partial ? RpcResult.Fail<int>("PARTIALLY_EXECUTED") : scheduled;
    }

    /// <summary>A run whose profile is gone: the reason logged and, the profile removed, its schedule dropped.</summary>
    public void Failed(string tenant, string id, string? error, bool profileGone)
    {
        Warn(error ?? "failed");
        if (profileGone)
        {
            _schedules.Remove(tenant, id);
        }
    }

    public RpcResult<List<T>> Scheduled<T>(string tenant, IReadOnlyList<string>? prefixes, Func<string, Instant, Instant, T> wire) =>
        StatQueryScheduling.Scheduled(_schedules, tenant, prefixes, wire);

    /// <summary>After a run: stored now, or marked for the next backup, as <c>store_interval</c> says.</summary>
    public async Task StoreAsync(string tenant, string id, Func<string> json, CancellationToken cancellationToken)
    {
        if (_backup.StoreNow(tenant, id))
        {
            await documents.PutAsync(collection, tenant + ":" + id, json(), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<int> StoreMarkedAsync(Func<string, string, string?> json, CancellationToken cancellationToken) =>
        _backup.StoreMarkedAsync((tenant, id, _) => ValueTask.FromResult(json(tenant, id)),
            (tenant, id, text, ct) => documents.PutAsync(collection, tenant + ":" + id, text, ct), cancellationToken);

    private void Schedule<TProfile>(TProfile profile, CronSchedule schedule, Func<string, string, CancellationToken, Task> run)
        where TProfile : IEventProfile =>
        _schedules.Schedule(profile.Tenant, profile.Id, schedule, ct => run(profile.Tenant, profile.Id, ct));

    public ValueTask DisposeAsync() => _schedules.DisposeAsync();
}
