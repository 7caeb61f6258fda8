using NodaTime;
using Obol.Events;
using Obol.Primitives;

namespace Obol.Routes;

/// <summary>
/// RALs as RouteS reaches it (routes.rals_conns). Asynchronous because the connection may be <c>*internal</c>
/// (completes synchronously; a <see cref="ValueTask{TResult}"/> then costs nothing) or a JSON-RPC peer.
/// Errors are CGRateS error texts, returned rather than thrown, as on the wire.
/// </summary>
public interface IRouteCostSource
{
    /// <summary>
    /// Responder.GetCostOnRatingPlans: rates the call on each plan of <see cref="RouteCostQuery.Ids"/> in order (as
    /// category <c>*tmp</c> for the subject, activated at the setup time) and answers the first that rates it. A plan
    /// failing with NOT_FOUND is skipped; any other error ends the search with that error. None rating it is
    /// <see cref="RouteCostReply.None"/>.
    /// </summary>
    ValueTask<RouteCostReply> GetCostOnRatingPlansAsync(RouteCostQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Responder.GetMaxSessionTimeOnAccounts: the usage the first account of <see cref="RouteCostQuery.Ids"/> that
    /// answers can cover (category <c>*routes</c>); accounts that fail are skipped. None answering is
    /// <see cref="AccountUsageReply.None"/>.
    /// </summary>
    ValueTask<AccountUsageReply> GetMaxSessionTimeOnAccountsAsync(RouteCostQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The cost of the event itself (CallDescriptor from the CGREvent, then GetCost), for <c>*rouMaxCost:*event_cost</c>.
    /// The caller has checked Account, Destination, SetupTime and Usage are present.
    /// </summary>
    ValueTask<RouteCostReply> GetEventCostAsync(CgrEvent ev, CancellationToken cancellationToken);
}

/// <summary>utils.GetCostOnRatingPlansArgs / GetMaxSessionTimeOnAccountsArgs: <see cref="Ids"/> are the rating plan or
/// account IDs. <see cref="Account"/> is empty for the account query, which takes each ID as the account.</summary>
public sealed record RouteCostQuery(
    string Tenant,
    string Account,
    string Subject,
    string Destination,
    Instant SetupTime,
    Usage Usage,
    IReadOnlyList<string> Ids,
    IReadOnlyDictionary<string, object?> ApiOpts);

/// <summary>A cost and the rating plan that produced it (empty for an event cost); or nothing; or an error.</summary>
public readonly record struct RouteCostReply(bool Found, decimal Cost, string RatingPlanId, string? Error)
{
    public static RouteCostReply None => default;

    public static RouteCostReply Of(decimal cost, string ratingPlanId = "") => new(true, cost, ratingPlanId, null);

    public static RouteCostReply Failed(string error) => new(false, 0, "", error);
}

/// <summary>The usage an account can cover; or nothing; or an error.</summary>
public readonly record struct AccountUsageReply(bool Found, Usage MaxUsage, string AccountId, string? Error)
{
    public static AccountUsageReply None => default;

    public static AccountUsageReply Of(Usage maxUsage, string accountId) => new(true, maxUsage, accountId, null);

    public static AccountUsageReply Failed(string error) => new(false, Usage.Zero, "", error);
}
