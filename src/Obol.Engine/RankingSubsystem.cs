using NodaTime;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Profiles;
using Obol.Rankings;
using Obol.Stats;
using Obol.Storage.Sqlite;

namespace Obol.Engine;

/// <summary>
/// RankingS in the engine: ranking profiles in the catalog (APIerSv1's methods always there) and, with
/// <c>rankings.enabled</c>, the scheduled runs sorting StatS's queues by their metrics, stored and reported, and
/// RankingSv1. Scheduling follows TrendS's rules.
/// </summary>
internal sealed class RankingSubsystem : StatQuerySubsystem
{

    public RankingSubsystem(ProfileCatalog catalog, ObolConfig config, StatService stats, StatQueryReports reports, SqliteDocumentStore documents,
        DateTimeZone zone, string tenant, Action<string> warn)
        : base("RankingS", "rankings", config.Rankings, stats, reports, documents, zone, tenant, warn)
    {
        Service = new RankingService();
        Profiles = catalog.AddRankings(Service);
    }

    public RankingService Service { get; }

    public ProfileKind<RankingProfileDefinition, RankingProfile> Profiles { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Host.Config.Enabled)
        {
            return;
        }
        await Host.RestoreAsync<RankingWire>(stored => Service.Restore(stored.ToRanking()), cancellationToken).ConfigureAwait(false);
        Host.ScheduleConfigured(Service.Profiles, p => p.Schedule, RunAsync);
    }

    public void Register(JsonRpcDispatcher dispatcher, ProfileApi profiles)
    {
        profiles.Register(dispatcher, "RankingProfile", Profiles, d => d.Tenant, (d, t) => d with { Tenant = t });
        if (!Host.Config.Enabled)
        {
            return;
        }
        dispatcher.AddPing("RankingSv1");
        dispatcher.Add<ScheduleArgs, int>("RankingSv1.ScheduleQueries", (a, _) =>
            ValueTask.FromResult(Host.ScheduleQueries(Or(a.Tenant), a.RankingIds, Service.Find, p => p.Schedule, RunAsync)));
        dispatcher.Add<ScheduleArgs, List<ScheduledRankingWire>>("RankingSv1.GetSchedule", (a, _) =>
            ValueTask.FromResult(Host.Scheduled(Or(a.Tenant), a.RankingIdPrefixes, (id, next, previous) => new ScheduledRankingWire(id, next, previous))));
        dispatcher.Add<TenantIdArgs, RankingWire>("RankingSv1.GetRanking", (a, _) =>
            ValueTask.FromResult(Find(a) is { } ranking ? RpcResult.Ok(RankingWire.Of(ranking)) : RpcResult.Fail<RankingWire>(ErrorCodes.NotFound)));
        dispatcher.Add<TenantIdArgs, RankingSummaryWire>("RankingSv1.GetRankingSummary", (a, _) =>
            ValueTask.FromResult(Find(a) is { } ranking
                ? RpcResult.Ok(RankingSummaryWire.Of(ranking.Summary()))
                : RpcResult.Fail<RankingSummaryWire>(ErrorCodes.NotFound)));
    }

    private Ranking? Find(TenantIdArgs args) => Service.Get(Or(args.Tenant), args.Id ?? "");

    private async Task RunAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var ranking = Service.Compute(tenant, id, (t, statId) => Stats.GetFloatMetrics(t, statId), SystemClock.Instance.GetCurrentInstant(),
            out var error);
        if (ranking is null)
        {
            Host.Failed(tenant, id, error, Service.Find(tenant, id) is null);
            return;
        }
        await Host.StoreAsync(tenant, id, () => Json(ranking), cancellationToken).ConfigureAwait(false);
        if (ranking.SortedStatIds.Count == 0)
        {
            return;
        }
        var report = new CgrEvent
        {
            Tenant = tenant,
            Id = Guid.NewGuid().ToString(),
            Event = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["RankingID"] = id,
                ["LastUpdate"] = ranking.LastUpdate,
                ["SortedStatIDs"] = ranking.SortedStatIds.ToList<object?>(),
            },
            ApiOpts = new Dictionary<string, object?>(StringComparer.Ordinal) { [EventOptions.EventType] = "RankingUpdate" },
        };
        await Reports.ReportAsync(report, Service.Find(tenant, id)?.Definition.ThresholdIds, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> StoreMarkedAsync(CancellationToken cancellationToken) =>
        Host.StoreMarkedAsync((tenant, id) => Service.Get(tenant, id) is { } ranking ? Json(ranking) : null, cancellationToken);

    private static string Json(Ranking ranking) => System.Text.Json.JsonSerializer.Serialize(RankingWire.Of(ranking), GoJsonOptions.Default);

}
