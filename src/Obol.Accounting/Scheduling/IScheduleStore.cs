using NodaTime;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// Where the scheduler keeps the next run of every timing so a restart resumes instead of recomputing (the port
/// storage implements). Keys are action timing uuids; an <c>*asap</c> timing bound to accounts has one key per
/// account, <c>uuid/tenant:account</c>, so an account bound later still gets its run. A one-shot that has run is
/// kept as <see cref="ScheduleStore.Consumed"/> so it is not repeated.
/// </summary>
public interface IScheduleStore
{
    ValueTask<IReadOnlyDictionary<string, Instant>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the entries.</summary>
    ValueTask SaveAsync(IReadOnlyDictionary<string, Instant> entries, CancellationToken cancellationToken = default);

    /// <summary>Removes the entries; missing keys are ignored.</summary>
    ValueTask RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>Conventions and one-entry helpers of <see cref="IScheduleStore"/>.</summary>
public static class ScheduleStore
{
    /// <summary>The "next run" of a one-shot that has already run: never again.</summary>
    public static readonly Instant Consumed = Instant.MaxValue;

    public static ValueTask SaveAsync(this IScheduleStore store, string key, Instant nextRun, CancellationToken cancellationToken = default) =>
        store.SaveAsync(new Dictionary<string, Instant>(StringComparer.Ordinal) { [key] = nextRun }, cancellationToken);

    public static ValueTask RemoveAsync(this IScheduleStore store, string key, CancellationToken cancellationToken = default) =>
        store.RemoveAsync([key], cancellationToken);

    /// <summary>The key of an <c>*asap</c> timing's run on one account.</summary>
    public static string AccountKey(string actionTimingUuid, string accountId) => actionTimingUuid + "/" + accountId;
}
