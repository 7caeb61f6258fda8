using Obol.Events;
using Obol.Primitives;

namespace Obol.Routes;

internal sealed partial class RouteQuery
{
    /// <summary>
    /// costForEvent: the accounts cover what they can (MaxUsage, Cost 0, Account); the rest of the usage, starting
    /// where the accounts stop, is priced on the rating plans (Cost, RatingPlanID). Empty when nothing answered,
    /// and the route is then left out. Usage defaults to a minute; Subject to the Account.
    /// </summary>
    private async ValueTask<(Dictionary<string, object?> Data, string? Error)> CostForEventAsync(Route route)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in (string[])["Account", "Destination", "SetupTime"])
        {
            if (!ev.Event.ContainsKey(field))
            {
                return (data, ErrorCodes.MandatoryIeMissingFields(field));
            }
        }
        var account = EventValues.AsString(ev.Event["Account"]);
        var subject = ev.Event.TryGetValue("Subject", out var rawSubject) ? EventValues.AsString(rawSubject) : account;
        var destination = EventValues.AsString(ev.Event["Destination"]);
        if (!EventReading.TryAsInstant(ev.Event["SetupTime"], service.Filters.Environment.Zone, now, out var setupTime, out var error))
        {
            return (data, error);
        }
        var usage = RouteServiceOptions.DefaultUsage;
        if (ev.Event.TryGetValue("Usage", out var rawUsage) && !EventValues.TryAsUsage(rawUsage, out usage, out error))
        {
            return (data, error);
        }
        var accountMaxUsage = Usage.Zero;
        var initialUsage = Usage.Zero;
        if (route.AccountIds.Count != 0)
        {
            if (service.Costs is not { } accounts)
            {
                return (data, NoConnections);
            }
            var query = new RouteCostQuery(ev.Tenant, "", subject, destination, setupTime, usage, route.AccountIds, ev.ApiOpts);
            var reply = await accounts.GetMaxSessionTimeOnAccountsAsync(query, cancellationToken).ConfigureAwait(false);
            if (reply.Error is { } accountError)
            {
                return (data, accountError);
            }
            if (reply.Found)
            {
                accountMaxUsage = reply.MaxUsage;
                if (usage > accountMaxUsage)
                {
                    if (route.RatingPlanIds.Count == 0)
                    {
                        return ([], "no rating plans defined for remaining usage");
                    }
                    setupTime = setupTime.PlusNanoseconds(accountMaxUsage.Nanoseconds);
                    initialUsage = usage;
                    usage -= accountMaxUsage;
                }
                data[SortingDataKeys.MaxUsage] = reply.MaxUsage;
                data[SortingDataKeys.Cost] = 0m;
                data[SortingDataKeys.Account] = reply.AccountId;
            }
        }
        if (accountMaxUsage == Usage.Zero || accountMaxUsage < initialUsage)
        {
            if (service.Costs is not { } rating)
            {
                return ([], NoConnections);
            }
            var query = new RouteCostQuery(ev.Tenant, account, subject, destination, setupTime, usage, route.RatingPlanIds, ev.ApiOpts);
            var reply = await rating.GetCostOnRatingPlansAsync(query, cancellationToken).ConfigureAwait(false);
            if (reply.Error is { } ratingError)
            {
                return ([], ratingError);
            }
            if (reply.Found)
            {
                data[SortingDataKeys.Cost] = reply.Cost;
                data[SortingDataKeys.RatingPlanId] = reply.RatingPlanId;
            }
        }
        return (data, null);
    }

    /// <summary>What ConnManager.Call answers for an empty routes.rals_conns.</summary>
    private static string NoConnections => ErrorCodes.MandatoryIeMissingFields("connIDs");
}
