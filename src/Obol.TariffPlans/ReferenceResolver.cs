namespace Obol.TariffPlans;

/// <summary>Checks the collected references against the IDs the plan defines; a miss is reported at the referencing row.</summary>
internal static class ReferenceResolver
{
    public static void Resolve(TariffPlan plan, IReadOnlyList<PendingReference> pending, ErrorCollector errors)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var destinations = Ids(plan.Destinations, d => d.Id);
        var rates = Ids(plan.Rates, r => r.Id);
        var destinationRates = Ids(plan.DestinationRates, d => d.Id);
        var timings = Ids(plan.Timings, t => t.Id);
        timings.UnionWith(PlanVocabulary.BuiltInTimings);
        var ratingPlans = Ids(plan.RatingPlans, r => r.Id);
        var actions = Ids(plan.Actions, a => a.ActionsId);
        var actionPlans = Ids(plan.ActionPlans, a => a.Id);
        var actionTriggers = Ids(plan.ActionTriggers, a => a.Id);
        var filters = TenantIds(plan.Filters, f => (f.Tenant, f.Id));
        var thresholds = TenantIds(plan.Thresholds, t => (t.Tenant, t.Id));
        var attributes = TenantIds(plan.Attributes, a => (a.Tenant, a.Id));

        foreach (var reference in pending)
        {
            var target = ReferenceRules.Target(reference.Rule);
            var found = target switch
            {
                ReferenceTarget.Destination => destinations.Contains(reference.Id),
                ReferenceTarget.Rates => rates.Contains(reference.Id),
                ReferenceTarget.DestinationRates => destinationRates.Contains(reference.Id),
                ReferenceTarget.Timing => timings.Contains(reference.Id),
                ReferenceTarget.RatingPlan => ratingPlans.Contains(reference.Id),
                ReferenceTarget.Actions => actions.Contains(reference.Id),
                ReferenceTarget.ActionPlan => actionPlans.Contains(reference.Id),
                ReferenceTarget.ActionTriggers => actionTriggers.Contains(reference.Id),
                ReferenceTarget.Filter => filters.Contains((reference.Tenant, reference.Id)),
                ReferenceTarget.Threshold => thresholds.Contains((reference.Tenant, reference.Id)),
                ReferenceTarget.AttributeProfile => attributes.Contains((reference.Tenant, reference.Id)),
                _ => true,
            };
            if (!found)
            {
                var tenant = reference.Tenant.Length == 0 ? "" : $" in tenant {reference.Tenant}";
                errors.Add(
                    reference.Location.File,
                    reference.Location.Line,
                    reference.Column,
                    $"unknown {target} \"{reference.Id}\"{tenant}",
                    ReferenceRules.IsWarning(reference.Rule));
            }
        }
    }

    private static HashSet<string> Ids<T>(IReadOnlyList<T> records, Func<T, string> id)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            set.Add(id(record));
        }
        return set;
    }

    private static HashSet<(string, string)> TenantIds<T>(IReadOnlyList<T> records, Func<T, (string, string)> key)
    {
        var set = new HashSet<(string, string)>();
        foreach (var record in records)
        {
            set.Add(key(record));
        }
        return set;
    }
}
