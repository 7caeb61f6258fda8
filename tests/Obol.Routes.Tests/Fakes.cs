using Obol.Events;
using Obol.Primitives;

namespace Obol.Routes.Tests;

/// <summary>A cost source answering from tables: a cost (or error) per rating plan, a covered usage per account.</summary>
internal sealed class ScriptedCosts : IRouteCostSource
{
    public Dictionary<string, decimal> PlanCosts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> PlanErrors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Usage> AccountUsage { get; } = new(StringComparer.Ordinal);

    public decimal? EventCost { get; set; }

    public List<RouteCostQuery> RatingQueries { get; } = [];

    public ValueTask<RouteCostReply> GetCostOnRatingPlansAsync(RouteCostQuery query, CancellationToken cancellationToken)
    {
        RatingQueries.Add(query);
        foreach (var id in query.Ids)
        {
            if (PlanErrors.TryGetValue(id, out var error))
            {
                return ValueTask.FromResult(RouteCostReply.Failed(error));
            }
            if (PlanCosts.TryGetValue(id, out var cost))
            {
                return ValueTask.FromResult(RouteCostReply.Of(cost, id));
            }
        }
        return ValueTask.FromResult(RouteCostReply.None);
    }

    public ValueTask<AccountUsageReply> GetMaxSessionTimeOnAccountsAsync(RouteCostQuery query, CancellationToken cancellationToken)
    {
        foreach (var id in query.Ids)
        {
            if (AccountUsage.TryGetValue(id, out var usage))
            {
                return ValueTask.FromResult(AccountUsageReply.Of(usage, id));
            }
        }
        return ValueTask.FromResult(AccountUsageReply.None);
    }

    public ValueTask<RouteCostReply> GetEventCostAsync(CgrEvent ev, CancellationToken cancellationToken) =>
        ValueTask.FromResult(EventCost is { } cost ? RouteCostReply.Of(cost) : RouteCostReply.Failed("NOT_FOUND"));
}

/// <summary>StatS with fixed queues; an unknown queue is NOT_FOUND.</summary>
internal sealed class FakeStats : IRouteStatSource
{
    public Dictionary<string, Dictionary<string, decimal>> Queues { get; } = new(StringComparer.Ordinal);

    public ValueTask<StatMetricsReply> GetFloatMetricsAsync(string tenant, string statQueueId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Queues.TryGetValue(statQueueId, out var metrics)
            ? StatMetricsReply.Of(metrics)
            : StatMetricsReply.Failed(ErrorCodes.NotFound));
}

/// <summary>ResourceS with fixed usages; an unknown resource is NOT_FOUND.</summary>
internal sealed class FakeResources : IRouteResourceSource
{
    public Dictionary<string, decimal> Usages { get; } = new(StringComparer.Ordinal);

    public ValueTask<ResourceUsageReply> GetTotalUsageAsync(string tenant, string resourceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Usages.TryGetValue(resourceId, out var usage)
            ? ResourceUsageReply.Of(usage)
            : ResourceUsageReply.Failed(ErrorCodes.NotFound));
}
