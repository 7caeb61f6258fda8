using NodaTime;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Rating;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// RALs: rating, accounts, actions, triggers and action plans put together, the way the API and SessionS use them.
/// Loading a tariff plan validates all of it first and applies it only when it has no error.
/// </summary>
public sealed partial class RalsService : IActionPlanRunner, IActionSource, IAsyncDisposable
{
    private readonly RalsOptions _options;
    private readonly ITariffPlanArchive? _archive;
    private readonly IRalsStateStore? _state;
    private readonly TimeProviderClock _clock;
    private readonly RatingDataHolder _ratingData = new(RatingDataSet.Empty);
    private readonly SharedGroupRegistry _sharedGroups = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile AccountingData _accounting = new(new Dictionary<string, IReadOnlyList<AccountAction>>(), new Dictionary<string, IReadOnlyList<ActionTrigger>>());
    private volatile IReadOnlyList<ActionPlan> _plans = [];

    public RalsService(RalsOptions options, IAccountStore accounts, IAccountLocks locks, IScheduleStore schedule, IActionEffects effects,
        TimeProvider? time = null, ITariffPlanArchive? archive = null, IRalsStateStore? state = null, ILoadIdStore? loadIds = null)
    {
        _options = options;
        _archive = archive;
        _state = state;
        var timeProvider = time ?? TimeProvider.System;
        _clock = new TimeProviderClock(timeProvider);
        LoadIds = new LoadIds(_clock, loadIds);
        Rating = new RatingEngine(_ratingData, options.Rating);
        Triggers = new ActionTriggerEngine(this, new RalsEffects(effects, _sharedGroups), _ratingData, _clock, options.Accounting, options.TimeZone,
            AccountService.NewUuid);
        Accounts = new AccountService(accounts, locks, Rating, options.Accounting, Triggers, _sharedGroups);
        Scheduler = new ActionPlanScheduler(this, schedule, options.TimeZone, timeProvider);
    }

    public RatingEngine Rating { get; }

    /// <summary>Each cache partition's load ID and the tariff-plan loads (APIerSv1.GetLoadIDs, GetLoadHistory).</summary>
    public LoadIds LoadIds { get; }

    /// <summary>The event subsystems loaded from the same plans; add them before the first load.</summary>
    public IList<ITariffPlanSubscriber> Subscribers { get; } = [];

    /// <summary>The rating data in force now (destinations, plans, profiles).</summary>
    public RatingDataSet RatingData => _ratingData.Current;

    /// <summary>Action trigger sets by id, from the loaded plan.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ActionTrigger>> ActionTriggerSets => _accounting.ActionTriggers;

    public AccountService Accounts { get; }

    /// <summary>APIerSv1.GetSharedGroup: the group with its members as RALs knows them; null when there is none.</summary>
    public SharedGroup? GetSharedGroup(string id) => _sharedGroups.GetSharedGroup(id);

    public ActionTriggerEngine Triggers { get; }

    public ActionPlanScheduler Scheduler { get; }

    /// <summary>The action plans of the loaded tariff plan.</summary>
    public IReadOnlyList<ActionPlan> ActionPlans => _plans;

    public IReadOnlyList<AccountAction>? GetActions(string actionsId) => _accounting.GetActions(actionsId);

    /// <summary>
    /// Reads, validates and applies a tariff-plan folder as the whole plan (the engine's <c>-tariffplan</c> on an empty
    /// store; the API writes a folder over the plan in force, <see cref="MergeTariffPlanFolderAsync"/>): rating data
    /// swapped whole, actions and triggers replaced, AccountActions create or update accounts, action plans rescheduled
    /// (<c>*asap</c> ones run now). Nothing changes when any file has an error.
    /// </summary>
    public async Task<TariffPlanLoadResult> LoadTariffPlanAsync(string folder, CancellationToken cancellationToken = default) =>
        await LoadTariffPlanAsync(folder, dryRun: false, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="LoadTariffPlanAsync(string, CancellationToken)"/>; a <paramref name="dryRun"/> reads and
    /// validates the folder and changes nothing (CGRateS's <c>DryRun</c>).</summary>
    public async Task<TariffPlanLoadResult> LoadTariffPlanAsync(string folder, bool dryRun, CancellationToken cancellationToken = default)
    {
        var (files, errors) = TariffPlanReader.CollectFiles(folder);
        if (errors.Count > 0)
        {
            return new TariffPlanLoadResult(errors, new Dictionary<string, int>(StringComparer.Ordinal));
        }
        return await LoadTariffPlanAsync(files, folder, applyAccountActions: true, dryRun, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies collected tariff-plan files. <paramref name="applyAccountActions"/> is false when the engine restores
    /// the plan it had stored: accounts are already as they were left, and replaying AccountActions would re-enable
    /// an account that fraud detection disabled and reset its triggers; instead the API's changes to actions and
    /// plans made since that load are put back from the <see cref="IRalsStateStore"/>. A successful new load (with
    /// AccountActions) is archived and, since it replaces actions and plans wholesale, forgets those changes; a load over
    /// the plan in force (<see cref="MergeTariffPlanAsync"/>) keeps the ones its files do not name.
    /// </summary>
    public Task<TariffPlanLoadResult> LoadTariffPlanAsync(IReadOnlyList<TariffPlanFile> files, string source, bool applyAccountActions,
        CancellationToken cancellationToken = default) =>
        LoadTariffPlanAsync(files, source, applyAccountActions, dryRun: false, cancellationToken);

    /// <summary>As <see cref="LoadTariffPlanAsync(IReadOnlyList{TariffPlanFile}, string, bool, CancellationToken)"/>; a
    /// <paramref name="dryRun"/> reads and validates the files and changes nothing.</summary>
    public Task<TariffPlanLoadResult> LoadTariffPlanAsync(IReadOnlyList<TariffPlanFile> files, string source, bool applyAccountActions,
        bool dryRun, CancellationToken cancellationToken) =>
        LoadTariffPlanAsync(files, source, applyAccountActions ? _ => true : null, dryRun, cancellationToken);

    /// <summary>
    /// APIerSv1.LoadTariffPlanFromFolder: the folder's rows over the plan in force, as CGRateS's TpReader writes a
    /// folder into DataDB without flushing it (see <see cref="MergeTariffPlanAsync"/>); a folder with an error changes
    /// nothing.
    /// </summary>
    public async Task<TariffPlanLoadResult> MergeTariffPlanFolderAsync(string folder, bool dryRun, CancellationToken cancellationToken = default)
    {
        var (files, errors) = TariffPlanReader.CollectFiles(folder);
        if (errors.Count > 0)
        {
            return FolderUnreadable(errors);
        }
        if (ReadOwnRows(files) is { Succeeded: false } own)
        {
            return new TariffPlanLoadResult(own.Errors, Counts(own.Plan));
        }
        var inForce = _archive is null ? null : await _archive.LoadAsync(cancellationToken).ConfigureAwait(false);
        return inForce is not { Count: > 0 }
            ? await LoadTariffPlanAsync(files, folder, applyAccountActions: true, dryRun, cancellationToken).ConfigureAwait(false)
            : await LoadMergedAsync(files, PlanCsv.MergeKeepingLines(inForce, files), folder, dryRun, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// APIerSv1.LoadTariffPlanFromStorDb: the StorDB plan's rows over the plan in force, as CGRateS writes a StorDB plan
    /// into DataDB without flushing it. A row replaces the rows in force of its ID (a destination's prefixes, a rating
    /// profile's activations, a profile's rows...); IDs the plan does not name stay as they are. Only the plan's own
    /// AccountActions are applied: the accounts in force keep their flags and triggers.
    /// </summary>
    public async Task<TariffPlanLoadResult> MergeTariffPlanAsync(IReadOnlyList<TariffPlanFile> files, string source, bool dryRun,
        CancellationToken cancellationToken)
    {
        var inForce = _archive is null ? null : await _archive.LoadAsync(cancellationToken).ConfigureAwait(false);
        return await LoadMergedAsync(files, inForce is null ? files : PlanCsv.Merge(inForce, files), source, dryRun, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// APIerSv1.RemoveTPFromFolder / RemoveTPFromStorDB: every item <paramref name="files"/> define goes from the plan in
    /// force (its rows, and the API's changes to the same IDs) and from the event subsystems' profiles, as CGRateS's
    /// TpReader.RemoveFromDatabase removes them from DataDB; accounts stay. The plan left must still hold together: a
    /// removal that leaves a reference to a removed item (a rating profile activating a removed rating plan) is refused,
    /// naming it, and nothing changes. CGRateS leaves such references dangling.
    /// </summary>
    public async Task<TariffPlanLoadResult> RemoveTariffPlanAsync(IReadOnlyList<TariffPlanFile> files, string source, bool dryRun,
        CancellationToken cancellationToken)
    {
        var removed = ReadOwnRows(files);
        if (!removed.Succeeded)
        {
            return new TariffPlanLoadResult(removed.Errors, Counts(removed.Plan));
        }
        var inForce = _archive is null ? null : await _archive.LoadAsync(cancellationToken).ConfigureAwait(false);
        return await LoadTariffPlanAsync(PlanCsv.Without(inForce ?? [], files), source, _ => false, dryRun, cancellationToken,
            stored => KeptOver(stored, files), removed.Plan).ConfigureAwait(false);
    }

    /// <summary>APIerSv1.RemoveTPFromFolder: <see cref="RemoveTariffPlanAsync"/> with the folder's files.</summary>
    public async Task<TariffPlanLoadResult> RemoveTariffPlanFolderAsync(string folder, bool dryRun, CancellationToken cancellationToken = default)
    {
        var (files, errors) = TariffPlanReader.CollectFiles(folder);
        return errors.Count > 0
            ? FolderUnreadable(errors)
            : await RemoveTariffPlanAsync(files, "remove:" + Path.GetFullPath(folder), dryRun, cancellationToken).ConfigureAwait(false);
    }

    private static TariffPlanLoadResult FolderUnreadable(IReadOnlyList<TariffPlanError> errors) =>
        new(errors, new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>Files read on their own, each row checked but no reference resolved: a bad row of a folder merged or
    /// removed is reported alone, without the reference errors it would cause in the plan in force.</summary>
    private TariffPlanReadResult ReadOwnRows(IReadOnlyList<TariffPlanFile> files) =>
        TariffPlanReader.ReadFiles(files, new TariffPlanReadOptions(_options.TimeZone, _clock.GetCurrentInstant()) { ResolveReferences = false });

    /// <summary>The merged plan loaded, the AccountActions of <paramref name="files"/> alone applied.</summary>
    private async Task<TariffPlanLoadResult> LoadMergedAsync(IReadOnlyList<TariffPlanFile> files, IReadOnlyList<TariffPlanFile> merged, string source,
        bool dryRun, CancellationToken cancellationToken)
    {
        var own = PlanCsv.IdsOf(files, "AccountActions.csv");
        return await LoadTariffPlanAsync(merged, source, row => own.Contains(row.Tenant + ":" + row.Account), dryRun, cancellationToken,
            stored => KeptOver(stored, files)).ConfigureAwait(false);
    }

    /// <summary>What the API changed that <paramref name="files"/> does not name: CGRateS's DataDB keeps such changes
    /// through a load that does not flush it, and the files' own rows replace the rest.</summary>
    private static RalsStateChanges KeptOver(RalsStateChanges stored, IReadOnlyList<TariffPlanFile> files)
    {
        HashSet<string> Named(string fileName) => PlanCsv.IdsOf(files, fileName);
        static Dictionary<string, T> Except<T>(IReadOnlyDictionary<string, T> changes, HashSet<string> named) =>
            changes.Where(c => !named.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var ratingPlans = Named("RatingPlans.csv");
        return new RalsStateChanges(Except(stored.Actions, Named("Actions.csv")), Except(stored.ActionPlans, Named("ActionPlans.csv")),
            Except(stored.Triggers, Named("ActionTriggers.csv")), Except(stored.Destinations, Named("Destinations.csv")),
            Except(stored.RatingProfiles, Named("RatingProfiles.csv")), Except(stored.Timings, Named("Timings.csv")),
            stored.RemovedRatingPlans.Where(id => !ratingPlans.Contains(id)).ToHashSet(StringComparer.Ordinal));
    }

    // applyAccountActionsTo: which AccountActions rows to apply; null applies none (a restore). keepChanges: for a load
    // over the plan in force, which of the API's stored changes stay over the new plan (none stay without it).
    // removing: for a removal, the plan that goes (the event subsystems remove what it names instead of taking the plan).
    private async Task<TariffPlanLoadResult> LoadTariffPlanAsync(IReadOnlyList<TariffPlanFile> files, string source,
        Func<TpAccountAction, bool>? applyAccountActionsTo, bool dryRun, CancellationToken cancellationToken,
        Func<RalsStateChanges, RalsStateChanges>? keepChanges = null, TariffPlan? removing = null)
    {
        if (keepChanges is null || dryRun)
        {
            return await LoadTariffPlanAsync(files, source, applyAccountActionsTo, dryRun, keepChanges, holdsLock: false, cancellationToken, removing)
                .ConfigureAwait(false);
        }
        // The API's changes kept over the new plan are read under the load lock, which the API takes to change them: none
        // made while the load runs can be lost.
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadTariffPlanAsync(files, source, applyAccountActionsTo, dryRun, keepChanges, holdsLock: true, cancellationToken, removing)
                .ConfigureAwait(false);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<TariffPlanLoadResult> LoadTariffPlanAsync(IReadOnlyList<TariffPlanFile> files, string source,
        Func<TpAccountAction, bool>? applyAccountActionsTo, bool dryRun, Func<RalsStateChanges, RalsStateChanges>? keepChanges, bool holdsLock,
        CancellationToken cancellationToken, TariffPlan? removing = null)
    {
        var applyAccountActions = applyAccountActionsTo is not null;
        var readOptions = new TariffPlanReadOptions(_options.TimeZone, _clock.GetCurrentInstant());
        var read = TariffPlanReader.ReadFiles(files, readOptions);
        var counts = Counts(read.Plan);
        if (!read.Succeeded)
        {
            // The builders would only repeat the reader's cross-reference errors.
            return new TariffPlanLoadResult(read.Errors, counts);
        }
        var errors = new List<TariffPlanError>(read.Errors);
        // A restored plan comes back with what the API changed since it was loaded, a load over the plan in force with
        // those its files do not name. Restoring happens at start-up, before the API listens, so the changes can be read
        // before the load lock is taken; a load over the plan in force holds it already (see the caller).
        var stored = !applyAccountActions ? await StoredChangesAsync(cancellationToken).ConfigureAwait(false)
            : keepChanges is null ? RalsStateChanges.Empty
            : keepChanges(await StoredChangesAsync(cancellationToken).ConfigureAwait(false));
        var ratingSource = WithChanges(read.Plan, stored);
        var (rating, ratingErrors) = RatingDataBuilder.Build(ratingSource, readOptions);
        var (accounting, accountingErrors) = AccountingDataBuilder.Build(read.Plan, readOptions, AccountService.NewUuid);
        var (plans, planErrors) = ActionPlanDataBuilder.Build(read.Plan, readOptions);
        errors.AddRange(ratingErrors);
        errors.AddRange(accountingErrors);
        errors.AddRange(planErrors);
        var prepared = Subscribers.Select(s => removing is null
            ? s.Prepare(read.Plan, readOptions, restoring: !applyAccountActions)
            : s.PrepareRemoval(removing, readOptions)).ToList();
        errors.AddRange(prepared.SelectMany(p => p.Errors));
        var result = new TariffPlanLoadResult(errors, counts);
        if (!result.Succeeded || dryRun)
        {
            return result;
        }
        if (!holdsLock)
        {
            await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            if (!stored.IsEmpty)
            {
                (accounting, plans) = WithStoredChanges(accounting, plans, stored);
            }
            _ratingData.Replace(rating);
            _ratingSource = RatingFiles(ratingSource);
            _accounting = accounting;
            _sharedGroups.Replace(SharedGroupsOf(read.Plan));
            foreach (var load in prepared)
            {
                await load.Commit(cancellationToken).ConfigureAwait(false);
            }
            if (applyAccountActions)
            {
                foreach (var row in read.Plan.AccountActions.Where(applyAccountActionsTo!))
                {
                    await ApplyAccountActionAsync(row, accounting, cancellationToken).ConfigureAwait(false);
                }
            }
            if (_state is not null && applyAccountActions)
            {
                // Before the archive: a crash between the two leaves the old plan without its API changes rather
                // than the new plan with changes made to the old one.
                await _state.ClearAsync(cancellationToken).ConfigureAwait(false);
                if (!stored.IsEmpty)
                {
                    await _state.SaveAsync(stored, cancellationToken).ConfigureAwait(false);
                }
            }
            if (_archive is not null && applyAccountActions)
            {
                await _archive.SaveAsync(source, files, cancellationToken).ConfigureAwait(false);
            }
            _plans = plans;
            if (applyAccountActions)
            {
                result = result with { Load = await LoadIds.RecordLoadAsync(Partitions(read.Plan), cancellationToken).ConfigureAwait(false) };
            }
            await Scheduler.ReloadAsync(plans, cancellationToken).ConfigureAwait(false);
            if (!Scheduler.IsRunning)
            {
                Scheduler.Start();
            }
        }
        finally
        {
            if (!holdsLock)
            {
                _loading.Release();
            }
        }
        return result;
    }

    /// <summary>CGRateS parity: tpreader LoadAccountActions — flags set, triggers replaced by fresh copies of the set,
    /// counters re-initialised; the account is created when missing.</summary>
    private async Task ApplyAccountActionAsync(TpAccountAction row, AccountingData accounting, CancellationToken cancellationToken)
    {
        var id = row.Tenant + ":" + row.Account;
        await Accounts.UpdateAsync<bool>(id, existing =>
        {
            var account = existing ?? new Account(row.Tenant, row.Account);
            account.AllowNegative = row.AllowNegative;
            account.Disabled = row.Disabled;
            if (row.ActionTriggersId.Length > 0)
            {
                account.ActionTriggers = accounting.TriggersFor(row.ActionTriggersId);
                ActionTriggerEngine.InitCounters(account);
            }
            return (account, true);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static List<SharedGroup> SharedGroupsOf(TariffPlan plan)
    {
        var groups = new List<SharedGroup>();
        foreach (var rows in plan.SharedGroups.GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            var group = new SharedGroup { Id = rows.Key };
            foreach (var row in rows)
            {
                group.AccountParameters[row.Account] = new SharingParameters(row.Strategy, row.RatingSubject);
            }
            groups.Add(group);
        }
        return groups;
    }

    /// <summary>The cache partitions a load of <paramref name="plan"/> brings, as CGRateS's TpReader.WriteToDatabase
    /// stamps them: those of the files that had rows.</summary>
    private static IEnumerable<string> Partitions(TariffPlan plan)
    {
        (int Rows, string[] Partitions)[] files =
        [
            (plan.Timings.Count, ["*timings"]),
            (plan.Destinations.Count, ["*destinations", "*reverse_destinations"]),
            (plan.RatingPlans.Count, ["*rating_plans"]),
            (plan.RatingProfiles.Count, ["*rating_profiles"]),
            (plan.SharedGroups.Count, ["*shared_groups"]),
            (plan.Actions.Count, ["*actions"]),
            (plan.ActionPlans.Count, ["*action_plans", "*account_action_plans"]),
            (plan.ActionTriggers.Count, ["*action_triggers"]),
            (plan.Filters.Count, ["*filters"]),
            (plan.Attributes.Count, ["*attribute_profiles"]),
            (plan.Chargers.Count, ["*charger_profiles"]),
            (plan.Routes.Count, ["*route_profiles"]),
            (plan.Stats.Count, ["*statqueue_profiles", "*statqueues"]),
            (plan.Thresholds.Count, ["*threshold_profiles", "*thresholds"]),
            (plan.Resources.Count, ["*resource_profiles", "*resources"]),
            (plan.Ips.Count, ["*ip_profiles", "*ip_allocations"]),
        ];
        return files.Where(f => f.Rows > 0).SelectMany(f => f.Partitions);
    }

    private static Dictionary<string, int> Counts(TariffPlan plan) => new(StringComparer.Ordinal)
    {
        ["Timings"] = plan.Timings.Count,
        ["Destinations"] = plan.Destinations.Count,
        ["Rates"] = plan.Rates.Count,
        ["DestinationRates"] = plan.DestinationRates.Count,
        ["RatingPlans"] = plan.RatingPlans.Count,
        ["RatingProfiles"] = plan.RatingProfiles.Count,
        ["SharedGroups"] = plan.SharedGroups.Count,
        ["Actions"] = plan.Actions.Count,
        ["ActionPlans"] = plan.ActionPlans.Count,
        ["ActionTriggers"] = plan.ActionTriggers.Count,
        ["AccountActions"] = plan.AccountActions.Count,
        ["Filters"] = plan.Filters.Count,
        ["Attributes"] = plan.Attributes.Count,
        ["Chargers"] = plan.Chargers.Count,
        ["Routes"] = plan.Routes.Count,
        ["Stats"] = plan.Stats.Count,
        ["Thresholds"] = plan.Thresholds.Count,
        ["Resources"] = plan.Resources.Count,
        ["IPs"] = plan.Ips.Count,
    };

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync().ConfigureAwait(false);
        _loading.Dispose();
        LoadIds.Dispose();
    }

    /// <summary>NodaTime's view of the injected TimeProvider, so tests move one clock for everything.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
    }
}
