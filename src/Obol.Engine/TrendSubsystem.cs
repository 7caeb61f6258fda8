using NodaTime;
using Obol.Api;
using Obol.Api.JsonRpc;
using Obol.Config;
using Obol.Events;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Profiles;
using Obol.Stats;
using Obol.Storage.Sqlite;
using Obol.Trends;

namespace Obol.Engine;

/// <summary>
/// TrendS in the engine: trend profiles in the catalog (APIerSv1's methods always there) and, with
/// <c>trends.enabled</c>, the scheduled runs reading StatS's queues, their trends stored and reported, and TrendSv1.
/// Profiles set or loaded later run once scheduled (TrendSv1.ScheduleQueries), as in CGRateS; a run whose profile was
/// removed drops its schedule.
/// </summary>
internal sealed class TrendSubsystem : StatQuerySubsystem
{
    private readonly DateTimeZone _zone;

    public TrendSubsystem(ProfileCatalog catalog, ObolConfig config, StatService stats, StatQueryReports reports, SqliteDocumentStore documents,
        DateTimeZone zone, int roundingDecimals, string tenant, Action<string> warn)
        : base("TrendS", "trends", config.Trends, stats, reports, documents, zone, tenant, warn)
    {
        _zone = zone;
        Service = new TrendService(roundingDecimals);
        Profiles = catalog.AddTrends(Service);
    }

    public TrendService Service { get; }

    public ProfileKind<TrendProfileDefinition, TrendProfile> Profiles { get; }

    /// <summary>Reads the stored trends and schedules the <c>scheduled_ids</c> (every profile when none is named).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Host.Config.Enabled)
        {
            return;
        }
        await Host.RestoreAsync<TrendWire>(stored => Service.Restore(stored.ToTrend()), cancellationToken).ConfigureAwait(false);
        Host.ScheduleConfigured(Service.Profiles, p => p.Schedule, RunAsync);
    }

    public void Register(JsonRpcDispatcher dispatcher, ProfileApi profiles)
    {
        profiles.Register(dispatcher, "TrendProfile", Profiles, d => d.Tenant, (d, t) => d with { Tenant = t });
        if (!Host.Config.Enabled)
        {
            return;
        }
        dispatcher.AddPing("TrendSv1");
        dispatcher.Add<ScheduleArgs, int>("TrendSv1.ScheduleQueries", (a, _) =>
            ValueTask.FromResult(Host.ScheduleQueries(Or(a.Tenant), a.TrendIds, Service.Find, p => p.Schedule, RunAsync)));
        dispatcher.Add<GetTrendArgs, TrendWire>("TrendSv1.GetTrend", (a, _) => ValueTask.FromResult(GetTrend(a)));
        dispatcher.Add<ScheduleArgs, List<ScheduledTrendWire>>("TrendSv1.GetScheduledTrends", (a, _) =>
            ValueTask.FromResult(Host.Scheduled(Or(a.Tenant), a.TrendIdPrefixes, (id, next, previous) => new ScheduledTrendWire(id, next, previous))));
        dispatcher.Add<TenantIdArgs, TrendSummaryWire>("TrendSv1.GetTrendSummary", (a, _) =>
            ValueTask.FromResult(Service.Get(Or(a.Tenant), a.Id ?? "") is { } trend
                ? RpcResult.Ok(TrendSummaryWire.Of(Locked(trend, trend.Summary)))
                : RpcResult.Fail<TrendSummaryWire>(ErrorCodes.NotFound)));
    }

    /// <summary>One scheduled run: the trend computed, stored when its store interval says so, and reported.</summary>
    private async Task RunAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var (trend, added, error) = Service.Compute(tenant, id, (t, statId) => Stats.GetFloatMetrics(t, statId),
            SystemClock.Instance.GetCurrentInstant());
        if (trend is null)
        {
            Host.Failed(tenant, id, error, Service.Find(tenant, id) is null);
            return;
        }
        if (!added)
        {
            return;
        }
        var (summary, runs) = Locked(trend, () => (trend.Summary(), trend.RunCount));
        await Host.StoreAsync(tenant, id, () => Json(trend), cancellationToken).ConfigureAwait(false);
        var profile = Service.Find(tenant, id)!.Definition;
        if (runs < profile.MinItems)
        {
            return;
        }
        var report = new CgrEvent
        {
            Tenant = tenant,
            Id = Guid.NewGuid().ToString(),
            Event = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["TrendID"] = id,
                ["Time"] = summary.Time,
                ["Metrics"] = summary.Metrics.ToDictionary(m => m.Key, m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["ID"] = m.Value.Id, ["Value"] = m.Value.Value, ["TrendGrowth"] = m.Value.TrendGrowth, ["TrendLabel"] = m.Value.TrendLabel,
                }, StringComparer.Ordinal),
            },
            ApiOpts = new Dictionary<string, object?>(StringComparer.Ordinal) { [EventOptions.EventType] = "TrendUpdate" },
        };
        await Reports.ReportAsync(report, profile.ThresholdIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TrendS.V1GetTrend: the runs between the indexes, then between the times (start inclusive, end exclusive).</summary>
    private RpcResult<TrendWire> GetTrend(GetTrendArgs args)
    {
        if (string.IsNullOrEmpty(args.Id))
        {
            return RpcResult.Fail<TrendWire>(ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        if (Service.Get(Or(args.Tenant), args.Id) is not { } trend)
        {
            return RpcResult.Fail<TrendWire>(ErrorCodes.NotFound);
        }
        var runTimes = Locked(trend, () => trend.Runs.Select(r => r.Time).ToList());
        var start = Math.Clamp(args.RunIndexStart, 0, runTimes.Count);
        var end = args.RunIndexEnd > runTimes.Count || args.RunIndexEnd < start || args.RunIndexEnd == 0 ? runTimes.Count : args.RunIndexEnd;
        var window = runTimes[start..end];
        if (window.Count == 0)
        {
            return RpcResult.Fail<TrendWire>(ErrorCodes.NotFound);
        }
        var now = SystemClock.Instance.GetCurrentInstant();
        Instant from = window[0], until = window[^1] + Duration.Epsilon;
        if (!string.IsNullOrEmpty(args.RunTimeStart))
        {
            if (!GoTime.TryParse(args.RunTimeStart, _zone, now, out var parsed))
            {
                return RpcResult.Fail<TrendWire>($"Unsupported time format: {args.RunTimeStart}");
            }
            from = parsed.ToInstant();
        }
        if (!string.IsNullOrEmpty(args.RunTimeEnd))
        {
            if (!GoTime.TryParse(args.RunTimeEnd, _zone, now, out var parsed))
            {
                return RpcResult.Fail<TrendWire>($"Unsupported time format: {args.RunTimeEnd}");
            }
            until = parsed.ToInstant();
        }
        var kept = window.Where(t => t >= from && t < until).ToHashSet();
        return kept.Count == 0 ? RpcResult.Fail<TrendWire>(ErrorCodes.NotFound) : Locked(trend, () => TrendWire.Of(trend, kept.Contains));
    }

    public override Task<int> StoreMarkedAsync(CancellationToken cancellationToken) =>
        Host.StoreMarkedAsync((tenant, id) => Service.Get(tenant, id) is { } trend ? Json(trend) : null, cancellationToken);

    private static string Json(Trend trend) =>
        Locked(trend, () => System.Text.Json.JsonSerializer.Serialize(TrendWire.Of(trend), GoJsonOptions.Default));

    private static T Locked<T>(Trend trend, Func<T> read)
    {
        lock (trend.Gate)
        {
            return read();
        }
    }

}
