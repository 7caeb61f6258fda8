using Obol.Events;
using Obol.Rating;

namespace Obol.Routes.Tests;

/// <summary>
/// Responder.GetCostOnRatingPlans over the real rating engine and the tutorial's rating data: each plan in turn is
/// activated at the setup time for the subject under category <c>*tmp</c>, as CGRateS does with a temporary rating
/// profile, and the first plan that rates the call answers. Accounts are not modelled here.
/// </summary>
internal sealed class RatingPlanCosts(RatingDataSet data) : IRouteCostSource
{
    public List<RouteCostQuery> Queries { get; } = [];

    public ValueTask<RouteCostReply> GetCostOnRatingPlansAsync(RouteCostQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        foreach (var ratingPlanId in query.Ids)
        {
            var key = new RatingProfileKey(query.Tenant, "*tmp", query.Subject);
            var profile = new RatingProfile(key, [new RatingPlanActivation(query.SetupTime, ratingPlanId, [])]);
            var engine = new RatingEngine(new RatingDataSet(data.Destinations, data.RatingPlans, [profile]), new RatingOptions());
            var result = engine.GetCost(new CallDescriptor
            {
                Category = "*tmp",
                Tenant = query.Tenant,
                Subject = query.Subject,
                Account = query.Account,
                Destination = query.Destination,
                TimeStart = query.SetupTime,
                TimeEnd = query.SetupTime.PlusNanoseconds(query.Usage.Nanoseconds),
                DurationIndex = query.Usage,
            });
            if (result.Error == "NOT_FOUND")
            {
                continue;
            }
            return ValueTask.FromResult(result.Error is { } error
                ? RouteCostReply.Failed(error)
                : RouteCostReply.Of(result.CallCost!.Cost, ratingPlanId));
        }
        return ValueTask.FromResult(RouteCostReply.None);
    }

    public ValueTask<AccountUsageReply> GetMaxSessionTimeOnAccountsAsync(RouteCostQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AccountUsageReply.None);

    public ValueTask<RouteCostReply> GetEventCostAsync(CgrEvent ev, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RouteCostReply.Failed("not modelled"));
}
