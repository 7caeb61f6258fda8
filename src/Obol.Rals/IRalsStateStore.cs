using Obol.Accounting;
using Obol.Accounting.Scheduling;

namespace Obol.Rals;

/// <summary>
/// Where RALs keeps what the API changed since the last tariff-plan load (storage implements it): the stored tariff
/// plan brings back everything else, so only the differences are kept, per id. RALs writes a change before it shows
/// it in memory, under its load lock, so the store sees the changes in the order they were made.
/// </summary>
public interface IRalsStateStore
{
    /// <summary>Adds <paramref name="changes"/> to the stored ones, each entry replacing the stored entry of its id; in one
    /// transaction where the store can, so a change that touched several plans is kept whole.</summary>
    Task SaveAsync(RalsStateChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Every stored change; empty when the API changed nothing since the last load.</summary>
    Task<RalsStateChanges> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets every stored change: a new tariff plan replaces actions and plans wholesale.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Action lists and action plans set or removed over the API, by id, over those of the loaded tariff plan: a value
/// replaces the entry of that id (or adds it), null removes it. A plan carries its bound accounts and its timings'
/// uuids, which key the scheduler's stored next runs and consumed <c>*asap</c> markers.
/// </summary>
public sealed record RalsStateChanges(
    IReadOnlyDictionary<string, IReadOnlyList<AccountAction>?> Actions,
    IReadOnlyDictionary<string, ActionPlan?> ActionPlans,
    IReadOnlyDictionary<string, IReadOnlyList<ActionTrigger>?>? ActionTriggerGroups = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>?>? DestinationPrefixes = null,
    IReadOnlyDictionary<string, IReadOnlyList<RatingPlanActivationChange>?>? RatingProfileActivations = null,
    IReadOnlyDictionary<string, TimingChange?>? TimingRows = null,
    IReadOnlyCollection<string>? RemovedRatingPlanIds = null)
{
    private static readonly HashSet<string> s_noRatingPlans = new(StringComparer.Ordinal);

    /// <summary>Rating plans removed (APIerSv1.RemoveRatingPlan), by id.</summary>
    public IReadOnlyCollection<string> RemovedRatingPlans => RemovedRatingPlanIds ?? s_noRatingPlans;

    private static readonly Dictionary<string, TimingChange?> s_noTimings = new(StringComparer.Ordinal);

    /// <summary>Timings set or removed (APIerSv1.SetTiming, RemoveTiming), by id.</summary>
    public IReadOnlyDictionary<string, TimingChange?> Timings => TimingRows ?? s_noTimings;

    private static readonly Dictionary<string, IReadOnlyList<RatingPlanActivationChange>?> s_noProfiles = new(StringComparer.Ordinal);

    /// <summary>Rating profiles set or removed (APIerSv1.SetRatingProfile, RemoveRatingProfile), by
    /// <c>tenant:category:subject</c>, with their activations.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RatingPlanActivationChange>?> RatingProfiles => RatingProfileActivations ?? s_noProfiles;

    private static readonly Dictionary<string, IReadOnlyList<ActionTrigger>?> s_noTriggers = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, IReadOnlyList<string>?> s_noDestinations = new(StringComparer.Ordinal);

    /// <summary>Destinations set or removed (APIerSv1.SetDestination, RemoveDestination), by id, with their prefixes.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>?> Destinations => DestinationPrefixes ?? s_noDestinations;

    public static RalsStateChanges Empty { get; } = new(new Dictionary<string, IReadOnlyList<AccountAction>?>(), new Dictionary<string, ActionPlan?>());

    /// <summary>Trigger groups set or removed (APIerSv1.SetActionTrigger, RemoveActionTrigger), by group id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ActionTrigger>?> Triggers => ActionTriggerGroups ?? s_noTriggers;

    public bool IsEmpty => Actions.Count == 0 && ActionPlans.Count == 0 && Triggers.Count == 0 && Destinations.Count == 0 && RatingProfiles.Count == 0
        && Timings.Count == 0 && RemovedRatingPlans.Count == 0;
}

/// <summary>One activation of a rating profile set over the API, as RatingProfiles.csv has it (the time absolute).</summary>
public sealed record RatingPlanActivationChange(string ActivationTime, string RatingPlanId, IReadOnlyList<string> FallbackSubjects);

/// <summary>One timing set over the API, as Timings.csv has it (<c>Time</c> is <c>start[;end]</c>).</summary>
public sealed record TimingChange(int[] Years, int[] Months, int[] MonthDays, int[] WeekDays, string Time);
