using Obol.Primitives;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// Destinations and rating profiles changed over the API (APIerSv1.SetDestination, RemoveDestination,
/// SetRatingProfile, RemoveRatingProfile): the rating data is rebuilt from the loaded plan's rating files with the
/// change applied, and the change is kept, like those to actions and plans, to be put back over the stored plan after
/// a restart.
/// </summary>
public sealed partial class RalsService
{
    private static readonly SourceLocation s_api = new("API", 0);

    /// <summary>The rating files of the plan in force, the API's changes applied.</summary>
    private TariffPlan _ratingSource = TariffPlan.Empty;

    /// <summary>The timings built from <see cref="_ratingSource"/>, rebuilt once it changes.</summary>
    private volatile TimingCache? _timings;

    /// <summary>APIerSv1.SetDestination: <see cref="ErrorCodes.Exists"/> for an existing destination unless
    /// <paramref name="overwrite"/>.</summary>
    public Task<string?> SetDestinationAsync(string id, IReadOnlyList<string> prefixes, bool overwrite, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (!overwrite && RatingData.Destinations.ContainsKey(id))
            {
                return ErrorCodes.Exists;
            }
            return await ChangeRatingFilesAsync(Destinations(new() { [id] = prefixes }), ct).ConfigureAwait(false);
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
            return await ChangeRatingFilesAsync(Destinations(changes), ct).ConfigureAwait(false);
        }, ct);

    /// <summary>
    /// APIerSv1.SetRatingProfile: the activations join the profile's (replace them with <paramref name="overwrite"/>);
    /// each activation time is parsed now and kept absolute; every rating plan must exist.
    /// </summary>
    public Task<string?> SetRatingProfileAsync(string tenant, string category, string subject, IReadOnlyList<RatingPlanActivationChange> activations,
        bool overwrite, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            var now = _clock.GetCurrentInstant();
            List<RatingPlanActivationChange> rows = overwrite ? [] : [.. ProfileRows(tenant, category, subject)];
            foreach (var activation in activations)
            {
                if (!GoTime.TryParse(activation.ActivationTime, _options.TimeZone, now, out var at))
                {
                    return $"{ErrorCodes.ServerError}:Cannot parse activation time from {activation.ActivationTime}";
                }
                if (RatingData.GetRatingPlan(activation.RatingPlanId) is null)
                {
                    return $"{ErrorCodes.NotFound}:RatingPlanId:{activation.RatingPlanId}";
                }
                rows.Add(activation with { ActivationTime = NodaTime.Text.InstantPattern.ExtendedIso.Format(at.ToInstant()) });
            }
            return await ChangeRatingFilesAsync(Profiles(new() { [ProfileKey(tenant, category, subject)] = rows }), ct).ConfigureAwait(false);
        }, ct);

    /// <summary>APIerSv1.SetTiming: the timing replaces (or adds) the one of its id.</summary>
    public Task<string?> SetTimingAsync(string id, TimingChange timing, CancellationToken ct = default) =>
        UnderLoadLockAsync(() => ChangeRatingFilesAsync(Timings(id, timing), ct), ct);

    /// <summary>APIerSv1.RemoveTiming: the plan's timing of that id goes; a rating plan that still names it keeps it
    /// until the next load, as CGRateS's stored plans keep theirs.</summary>
    public Task<string?> RemoveTimingAsync(string id, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () => !_ratingSource.Timings.Any(t => t.Id == id)
            ? null
            : await ChangeRatingFilesAsync(Timings(id, null), ct).ConfigureAwait(false), ct);

    /// <summary>The timing of that id (built-in ones included) as the plan in force defines it; null when none.</summary>
    public Timing? GetTiming(string id)
    {
        var source = _ratingSource;
        var cache = _timings;
        if (cache is null || !ReferenceEquals(cache.Source, source))
        {
            cache = new TimingCache(source, RatingDataBuilder.BuildTimings(source, []));
            _timings = cache;
        }
        return cache.Timings.GetValueOrDefault(id);
    }

    /// <summary>APIerSv1.RemoveRatingPlan: OK for a plan there is not, as CGRateS's DataDB answers. A rating profile
    /// that activates it keeps the activation, which then rates nothing, as in CGRateS.</summary>
    public Task<string?> RemoveRatingPlanAsync(string id, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () => !_ratingSource.RatingPlans.Any(p => p.Id == id)
            ? null
            : await ChangeRatingFilesAsync(RalsStateChanges.Empty with { RemovedRatingPlanIds = new HashSet<string>(StringComparer.Ordinal) { id } }, ct)
                .ConfigureAwait(false), ct);

    /// <summary>APIerSv1.RemoveRatingProfile: NOT_FOUND when there is no such profile.</summary>
    public Task<string?> RemoveRatingProfileAsync(string tenant, string category, string subject, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () => !ProfileRows(tenant, category, subject).Any()
            ? ErrorCodes.NotFound
            : await ChangeRatingFilesAsync(Profiles(new() { [ProfileKey(tenant, category, subject)] = null }), ct).ConfigureAwait(false), ct);

    private IEnumerable<RatingPlanActivationChange> ProfileRows(string tenant, string category, string subject) =>
        _ratingSource.RatingProfiles.Where(p => p.Tenant == tenant && p.Category == category && p.Subject == subject)
            .Select(p => new RatingPlanActivationChange(p.ActivationTime, p.RatingPlanId, p.FallbackSubjects));

    private static string ProfileKey(string tenant, string category, string subject) => $"{tenant}:{category}:{subject}";

    private static RalsStateChanges Timings(string id, TimingChange? timing) =>
        RalsStateChanges.Empty with { TimingRows = new Dictionary<string, TimingChange?>(StringComparer.Ordinal) { [id] = timing } };

    private static RalsStateChanges Destinations(Dictionary<string, IReadOnlyList<string>?> changes) =>
        RalsStateChanges.Empty with { DestinationPrefixes = changes };

    private static RalsStateChanges Profiles(Dictionary<string, IReadOnlyList<RatingPlanActivationChange>?> changes) =>
        RalsStateChanges.Empty with { RatingProfileActivations = changes };

    /// <summary>Only the files the rating data is built from, so the rest of a loaded plan is not kept for it.</summary>
    private static TariffPlan RatingFiles(TariffPlan plan, IReadOnlyList<TpDestination>? destinations = null,
        IReadOnlyList<TpRatingProfile>? profiles = null, IReadOnlyList<TpTiming>? timings = null, IReadOnlyList<TpRatingPlan>? ratingPlans = null) => new()
    {
        Timings = timings ?? plan.Timings,
        Destinations = destinations ?? plan.Destinations,
        Rates = plan.Rates,
        DestinationRates = plan.DestinationRates,
        RatingPlans = ratingPlans ?? plan.RatingPlans,
        RatingProfiles = profiles ?? plan.RatingProfiles,
    };

    /// <summary>The rating files with the changes over them: a value replaces (or adds) the destination's prefixes or the
    /// profile's activations, null removes it; a removed rating plan loses its rows.</summary>
    private static TariffPlan WithChanges(TariffPlan plan, RalsStateChanges changes)
    {
        if (changes.Destinations.Count == 0 && changes.RatingProfiles.Count == 0 && changes.Timings.Count == 0 && changes.RemovedRatingPlans.Count == 0)
        {
            return plan;
        }
        var destinations = changes.Destinations;
        var profiles = changes.RatingProfiles;
        var timings = changes.Timings;
        var removedPlans = changes.RemovedRatingPlans;
        return RatingFiles(plan,
            [.. plan.Destinations.Where(d => !destinations.ContainsKey(d.Id)),
                .. destinations.Where(c => c.Value is not null).SelectMany(c => c.Value!.Select(prefix => new TpDestination(s_api, c.Key, prefix)))],
            [.. plan.RatingProfiles.Where(p => !profiles.ContainsKey(ProfileKey(p.Tenant, p.Category, p.Subject))),
                .. profiles.Where(c => c.Value is not null).SelectMany(c => c.Value!.Select(a => ProfileRow(c.Key, a)))],
            [.. plan.Timings.Where(t => !timings.ContainsKey(t.Id)),
                .. timings.Where(c => c.Value is not null)
                    .Select(c => new TpTiming(s_api, c.Key, c.Value!.Years, c.Value.Months, c.Value.MonthDays, c.Value.WeekDays, c.Value.Time))],
            removedPlans.Count == 0 ? null : [.. plan.RatingPlans.Where(p => !removedPlans.Contains(p.Id))]);
    }

    private static TpRatingProfile ProfileRow(string key, RatingPlanActivationChange activation)
    {
        var parts = key.Split(':', 3);
        return new TpRatingProfile(s_api, parts[0], parts[1], parts[2], activation.ActivationTime, activation.RatingPlanId, [.. activation.FallbackSubjects]);
    }

    // Under the load lock: written before it is shown, as the other API changes.
    private async Task<string?> ChangeRatingFilesAsync(RalsStateChanges changes, CancellationToken ct)
    {
        var source = WithChanges(_ratingSource, changes);
        var (rating, errors) = RatingDataBuilder.Build(source, new TariffPlanReadOptions(_options.TimeZone, _clock.GetCurrentInstant()));
        if (errors.Count > 0)
        {
            return ErrorCodes.ServerErrorWith(errors[0].ToString());
        }
        await SaveChangesAsync(changes, ct).ConfigureAwait(false);
        _ratingSource = source;
        _ratingData.Replace(rating);
        return null;
    }

    private sealed record TimingCache(TariffPlan Source, Dictionary<string, Timing> Timings);
}
