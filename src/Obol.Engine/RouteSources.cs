using NodaTime;
using Obol.Accounting;
using Obol.Events;
using Obol.Primitives;
using Obol.Rals;
using Obol.Rating;
using Obol.Resources;
using Obol.Routes;
using Obol.Stats;

namespace Obol.Engine;

/// <summary>
/// RALs for RouteS's <c>*lc</c>/<c>*hc</c> (Responder.GetCostOnRatingPlans, GetMaxSessionTimeOnAccounts): each
/// rating plan is tried as if the subject had a profile activating it at the setup time under category <c>*tmp</c>,
/// as CGRateS does with a temporary rating profile, over the live rating data.
/// </summary>
internal sealed class RalsRouteCosts(RalsService rals, DateTimeZone zone, string defaultCategory) : IRouteCostSource
{
    private const string TemporaryCategory = "*tmp";

    public ValueTask<RouteCostReply> GetCostOnRatingPlansAsync(RouteCostQuery query, CancellationToken cancellationToken)
    {
        foreach (var ratingPlanId in query.Ids)
        {
            var key = new RatingProfileKey(query.Tenant, TemporaryCategory, query.Subject);
            var profile = new RatingProfile(key, [new RatingPlanActivation(query.SetupTime, ratingPlanId, [])]);
            var engine = new RatingEngine(new WithProfile(rals.RatingData, profile), rals.Rating.Options);
            var result = engine.GetCost(Call(query, TemporaryCategory, query.Subject, query.Account));
            if (result.Error == ErrorCodes.NotFound)
            {
                continue;
            }
            return ValueTask.FromResult(result.Error is { } error ? RouteCostReply.Failed(error) : RouteCostReply.Of(result.CallCost!.Cost, ratingPlanId));
        }
        return ValueTask.FromResult(RouteCostReply.None);
    }

    public async ValueTask<AccountUsageReply> GetMaxSessionTimeOnAccountsAsync(RouteCostQuery query, CancellationToken cancellationToken)
    {
        foreach (var account in query.Ids)
        {
            var call = Call(query, "*routes", string.IsNullOrEmpty(query.Subject) ? account : query.Subject, account);
            var (max, error) = await rals.Accounts.GetMaxUsageAsync(new DebitRequest(call), cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return AccountUsageReply.Of(max, account);
            }
        }
        return AccountUsageReply.None;
    }

    public ValueTask<RouteCostReply> GetEventCostAsync(CgrEvent ev, CancellationToken cancellationToken)
    {
        var account = ev.FieldAsString(EventFields.Account) ?? "";
        var subject = ev.FieldAsString(EventFields.Subject) is { Length: > 0 } s ? s : account;
        var timeText = ev.FieldAsString(EventFields.SetupTime) ?? "";
        if (!GoTime.TryParse(timeText, zone, SystemClock.Instance.GetCurrentInstant(), out var setup))
        {
            return ValueTask.FromResult(RouteCostReply.Failed($"Unsupported time format: {timeText}"));
        }
        if (!EventValues.TryAsUsage(ev.Event.GetValueOrDefault(EventFields.Usage), out var usage, out var usageError))
        {
            return ValueTask.FromResult(RouteCostReply.Failed(usageError));
        }
        var category = ev.FieldAsString(EventFields.Category) is { Length: > 0 } c ? c : defaultCategory;
        var query = new RouteCostQuery(ev.Tenant, account, subject, ev.FieldAsString(EventFields.Destination) ?? "", setup.ToInstant(), usage, [],
            ev.ApiOpts);
        var result = rals.Rating.GetCost(Call(query, category, subject, account));
        return ValueTask.FromResult(result.Error is { } error ? RouteCostReply.Failed(error) : RouteCostReply.Of(result.CallCost!.Cost));
    }

    private static CallDescriptor Call(RouteCostQuery query, string category, string subject, string account) => new()
    {
        Category = category,
        Tenant = query.Tenant,
        Subject = subject,
        Account = account,
        Destination = query.Destination,
        TimeStart = query.SetupTime,
        TimeEnd = query.SetupTime.PlusNanoseconds(query.Usage.Nanoseconds),
        DurationIndex = query.Usage,
    };

    /// <summary>The live rating data plus one temporary rating profile.</summary>
    private sealed class WithProfile(IRatingDataSource data, RatingProfile profile) : IRatingDataSource
    {
        public RatingProfile? GetRatingProfile(RatingProfileKey key) => key == profile.Key ? profile : data.GetRatingProfile(key);

        public RatingPlan? GetRatingPlan(string id) => data.GetRatingPlan(id);

        public PrefixIndex<DestinationEntry>.Matches MatchDestination(ReadOnlySpan<char> number) => data.MatchDestination(number);
    }
}

/// <summary>StatS for RouteS's <c>*qos</c> (routes.stats_conns).</summary>
internal sealed class StatRouteMetrics(StatService stats) : IRouteStatSource
{
    public ValueTask<StatMetricsReply> GetFloatMetricsAsync(string tenant, string statQueueId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(stats.GetFloatMetrics(tenant, statQueueId) is { } metrics
            ? StatMetricsReply.Of(metrics)
            : StatMetricsReply.Failed(ErrorCodes.NotFound));
}

/// <summary>ResourceS for RouteS's <c>*reas</c>/<c>*reds</c> (routes.resources_conns).</summary>
internal sealed class ResourceRouteUsage(ResourceService resources) : IRouteResourceSource
{
    public async ValueTask<ResourceUsageReply> GetTotalUsageAsync(string tenant, string resourceId, CancellationToken cancellationToken)
    {
        var (resource, error) = await resources.GetResourceAsync(tenant, resourceId, cancellationToken).ConfigureAwait(false);
        return resource is null ? ResourceUsageReply.Failed(error ?? ErrorCodes.NotFound) : ResourceUsageReply.Of(resource.TotalUsage);
    }
}
