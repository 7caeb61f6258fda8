using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// Destinations changed over the API (APIerSv1.SetDestination, RemoveDestination): the rating data is rebuilt from the
/// loaded plan's rating files with the change applied, and the change is kept, like those to actions and plans, to be
/// put back over the stored plan after a restart.
/// </summary>
public sealed partial class RalsService
{
    /// <summary>The rating files of the plan in force, the API's destination changes applied.</summary>
    private TariffPlan _ratingSource = TariffPlan.Empty;

    /// <summary>APIerSv1.SetDestination: <see cref="ErrorCodes.Exists"/> for an existing destination unless
    /// <paramref name="overwrite"/>.</summary>
    public Task<string?> SetDestinationAsync(string id, IReadOnlyList<string> prefixes, bool overwrite, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (!overwrite && RatingData.Destinations.ContainsKey(id))
            {
                return ErrorCodes.Exists;
            }
            return await ChangeDestinationsAsync(new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal) { [id] = prefixes }, ct)
                .ConfigureAwait(false);
        }, ct);

    /// <summary>APIerSv1.RemoveDestination: each destination loses the prefixes given, or goes whole without prefixes or
    /// once none is left; NOT_FOUND for one that does not exist.</summary>
    public Task<string?> RemoveDestinationsAsync(IReadOnlyList<string> ids, IReadOnlyList<string> prefixes, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            var changes = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (!RatingData.Destinations.TryGetValue(id, out var current))
                {
                    return ErrorCodes.NotFound;
                }
                List<string> left = [.. current.Where(p => prefixes.Count > 0 && !prefixes.Contains(p))];
                changes[id] = left.Count == 0 ? null : left;
            }
            return await ChangeDestinationsAsync(changes, ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Only the files the rating data is built from, so the rest of a loaded plan is not kept for it.</summary>
    private static TariffPlan RatingFiles(TariffPlan plan) => new()
    {
        Timings = plan.Timings,
        Destinations = plan.Destinations,
        Rates = plan.Rates,
        DestinationRates = plan.DestinationRates,
        RatingPlans = plan.RatingPlans,
        RatingProfiles = plan.RatingProfiles,
    };

    /// <summary>The rating files with destination changes over them: a list replaces (or adds) the destination's
    /// prefixes, null removes it.</summary>
    private static TariffPlan WithDestinations(TariffPlan plan, IReadOnlyDictionary<string, IReadOnlyList<string>?> changes)
    {
        if (changes.Count == 0)
        {
            return plan;
        }
        var location = new SourceLocation("APIerSv1.SetDestination", 0);
        return new TariffPlan
        {
            Timings = plan.Timings,
            Destinations = [.. plan.Destinations.Where(d => !changes.ContainsKey(d.Id)),
                .. changes.Where(c => c.Value is not null).SelectMany(c => c.Value!.Select(prefix => new TpDestination(location, c.Key, prefix)))],
            Rates = plan.Rates,
            DestinationRates = plan.DestinationRates,
            RatingPlans = plan.RatingPlans,
            RatingProfiles = plan.RatingProfiles,
        };
    }

    // Under the load lock: written before it is shown, as the other API changes.
    private async Task<string?> ChangeDestinationsAsync(Dictionary<string, IReadOnlyList<string>?> changes, CancellationToken ct)
    {
        var source = WithDestinations(_ratingSource, changes);
        var (rating, errors) = RatingDataBuilder.Build(source, new TariffPlanReadOptions(_options.TimeZone, _clock.GetCurrentInstant()));
        if (errors.Count > 0)
        {
            return ErrorCodes.ServerErrorWith(errors[0].ToString());
        }
        if (_state is not null)
        {
            await _state.SaveAsync(new RalsStateChanges(new Dictionary<string, IReadOnlyList<Accounting.AccountAction>?>(),
                new Dictionary<string, Accounting.Scheduling.ActionPlan?>(), DestinationPrefixes: changes), ct).ConfigureAwait(false);
        }
        _ratingSource = source;
        _ratingData.Replace(rating);
        return null;
    }

    /// <summary>The stored destination changes put over <paramref name="plan"/>'s rating files when a stored plan is
    /// restored (or when none is, over nothing).</summary>
    private async Task<TariffPlan> WithStoredDestinationsAsync(TariffPlan plan, CancellationToken ct) =>
        _state is null ? plan : WithDestinations(plan, (await _state.LoadAsync(ct).ConfigureAwait(false)).Destinations);
}
