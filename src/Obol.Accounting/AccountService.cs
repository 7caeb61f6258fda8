using Obol.Primitives;
using Obol.Rating;

namespace Obol.Accounting;

/// <summary>
/// The one seam every account change goes through: take the account's lock (and its shared-group partners', in id
/// order so two debits never deadlock), load private copies, change them with the accounting rules, save, release.
/// A distributed backend swaps <see cref="IAccountLocks"/> and <see cref="IAccountStore"/> without touching the rules.
/// </summary>
public sealed class AccountService
{
    private static readonly List<string> s_noPartners = [];
    private static readonly Dictionary<string, Account> s_noMembers = new(StringComparer.Ordinal);

    private readonly IAccountStore _store;
    private readonly IAccountLocks _locks;
    private readonly ISharedGroupSource _sharedGroups;
    private readonly AccountDebitor _debitor;

    public AccountService(IAccountStore store, IAccountLocks locks, RatingEngine rating, AccountingOptions options,
        IAccountTriggers triggers, ISharedGroupSource sharedGroups, Func<string>? newUuid = null)
    {
        _store = store;
        _locks = locks;
        _sharedGroups = sharedGroups;
        _debitor = new AccountDebitor(rating, options, triggers, sharedGroups, newUuid ?? NewUuid);
    }

    /// <summary>Where a debit's accounts are published once saved; null publishes nothing. Set once at start-up, as
    /// ThresholdS and StatS are built after RALs.</summary>
    public IAccountUpdates? Updates { get; set; }

    /// <summary>CGRateS balance UUIDs are random UUIDs.</summary>
    public static string NewUuid() => Guid.NewGuid().ToString();

    /// <summary><c>Responder.Debit</c>: charges the whole call; the unpaid rest goes onto <c>*default</c>.</summary>
    public Task<(CallCost? Cost, string? Error)> DebitAsync(DebitRequest request, CancellationToken cancellationToken = default) =>
        WithCallAccountsAsync(request.Call, save: !request.DryRun,
            (account, members) => Summarised(account, () => _debitor.Debit(request, account, members, request.DryRun, !request.DenyNegativeAccount)),
            cancellationToken, request.Journal);

    /// <summary><c>Responder.MaxDebit</c>: charges as much of the call as the balances allow.</summary>
    public Task<(CallCost? Cost, string? Error)> MaxDebitAsync(DebitRequest request, CancellationToken cancellationToken = default) =>
        WithCallAccountsAsync(request.Call, save: true, (account, members) => Summarised(account, () => _debitor.MaxDebit(request, account, members)),
            cancellationToken, request.Journal);

    /// <summary>CallDescriptor.AccountSummary: a successful debit's cost carries the account as the debit left it.</summary>
    private static (CallCost? Cost, string? Error) Summarised(Account account, Func<(CallCost? Cost, string? Error)> debit)
    {
        var before = AccountSummaries.Of(account);
        var (cost, error) = debit();
        if (error is null && cost is not null)
        {
            cost.AccountSummary = AccountSummaries.Of(account).WithInitialValues(before);
        }
        return (cost, error);
    }

    /// <summary><c>Responder.GetMaxSessionTime</c>: how long the call may last; −1 ns for unlimited.</summary>
    public async Task<(Usage MaxUsage, string? Error)> GetMaxUsageAsync(DebitRequest request, CancellationToken cancellationToken = default)
    {
        var (result, error) = await WithCallAccountsAsync(request.Call, save: false, (account, members) =>
        {
            var (usage, err) = _debitor.MaxUsage(request, account, members, disposable: true);
            return ((Usage?)usage, err);
        }, cancellationToken).ConfigureAwait(false);
        return (result ?? Usage.Zero, error);
    }

    /// <summary><c>Responder.RefundIncrements</c>: returns unused increments to the balances that paid them.</summary>
    public async Task<IReadOnlyList<string>> RefundIncrementsAsync(IReadOnlyList<Increment> increments, string tor, CounterContext call,
        CancellationToken cancellationToken = default)
    {
        var ids = increments.Select(i => i.BalanceInfo?.AccountId).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct().ToList();
        List<string> warnings = [];
        await WithAccountsAsync(ids, accounts =>
        {
            warnings = _debitor.RefundIncrements(increments, tor.Length == 0 ? Meta.Voice : tor, call, accounts);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return warnings;
    }

    /// <summary>
    /// <c>Responder.RefundRounding</c> (CallDescriptor.RefundRounding): each monetary increment's Cost is a rounding
    /// correction already added to a cost; it is taken off the balance that paid it (a negative correction gives back).
    /// </summary>
    public Task<IReadOnlyList<string>> RefundRoundingAsync(IReadOnlyList<Increment> roundIncrements, CounterContext call,
        CancellationToken cancellationToken = default)
    {
        var monetary = RoundingRefunds(roundIncrements);
        return monetary.Count == 0 ? Task.FromResult<IReadOnlyList<string>>([]) : RefundIncrementsAsync(monetary, Meta.Monetary, call, cancellationToken);
    }

    /// <summary>
    /// A session's settlement in one change: the unused increments given back and the rounding corrections applied
    /// (RefundIncrements then RefundRounding), saved atomically with the documents <paramref name="journal"/> answers
    /// once they are applied, given the summary of <paramref name="accountKey"/> (null when no refund touched it).
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<Increment> refunds, IReadOnlyList<Increment> roundIncrements, string tor, CounterContext call,
        string accountKey, Func<AccountSummary?, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken = default)
    {
        var rounding = RoundingRefunds(roundIncrements);
        var ids = refunds.Concat(rounding).Select(i => i.BalanceInfo?.AccountId).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!)
            .Distinct().ToList();
        await WithAccountsAsync(ids, accounts =>
        {
            _debitor.RefundIncrements(refunds, tor.Length == 0 ? Meta.Voice : tor, call, accounts);
            _debitor.RefundIncrements(rounding, Meta.Monetary, call, accounts);
            return true;
        }, cancellationToken,
            accounts => journal(accounts.TryGetValue(accountKey, out var account) ? AccountSummaries.Of(account) : null)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>Responder.Debit</c> and the settlement after it (RefundRounding) as one change, saved with the journal
    /// documents in one write: <paramref name="rounding"/> gets the debit's cost while the accounts are held and answers
    /// the rounding increments; <paramref name="journal"/> then gets the cost, its summary as the rounding left the
    /// account, and answers the documents. A rounding increment paid by an account this call does not hold (one that
    /// left the call's shared group) cannot be applied here; its caller settles such runs with <see cref="SettleAsync"/>.
    /// </summary>
    public Task<(CallCost? Cost, string? Error)> DebitAndSettleAsync(DebitRequest request, Func<CallCost, IReadOnlyList<Increment>> rounding,
        Func<CallCost, IReadOnlyList<JournalWrite>> journal, CounterContext call, CancellationToken cancellationToken = default) =>
        WithCallAccountsAsync(request.Call, save: true, (account, members) => Summarised(account, () =>
        {
            var (cost, error) = _debitor.Debit(request, account, members, dryRun: false, !request.DenyNegativeAccount);
            if (error is not null || cost is null)
            {
                return (cost, error);
            }
            var held = new Dictionary<string, Account>(members, StringComparer.Ordinal) { [account.Id] = account };
            _debitor.RefundIncrements(RoundingRefunds(rounding(cost)), Meta.Monetary, call, held);
            return (cost, null);
        }), cancellationToken, journal);

    /// <summary>Each monetary rounding increment as the refund that takes its correction off the balance that paid it.</summary>
    private static List<Increment> RoundingRefunds(IReadOnlyList<Increment> roundIncrements) =>
        [.. roundIncrements.Where(i => i.BalanceInfo?.Monetary is not null)
            .Select(i => new Increment(i.Duration, -i.Cost, i.CompressFactor, i.BalanceInfo! with { Unit = null }))];

    /// <summary>Runs <paramref name="change"/> on the account under its lock and saves it when it returns true.
    /// A missing account is passed as null; return a new one to create it.</summary>
    public async Task<T> UpdateAsync<T>(string accountId, Func<Account?, (Account? Save, T Result)> change, CancellationToken cancellationToken = default)
    {
        ValueTask saved;
        T result;
        await using (await _locks.AcquireAsync(accountId, cancellationToken).ConfigureAwait(false))
        {
            var account = await _store.GetLatestAsync(accountId, cancellationToken).ConfigureAwait(false);
            (var save, result) = change(account);
            saved = save is null ? ValueTask.CompletedTask : _store.SaveAsync(save, cancellationToken);
        }
        // The next change of the account may start while this one reaches the disk; this caller hears of it only after.
        await saved.ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Runs an action list on the account under its lock: created first when missing (as CGRateS's action plans do),
    /// saved only when every action succeeded, deleted when an action asked for it. The accounts
    /// <paramref name="alsoHold"/> (a <c>*transfer_balance</c>'s destinations) are locked with it, all in id order, and
    /// given to the run, null for those not stored; those the run changed (<see cref="ActionRunResult.AlsoChanged"/>)
    /// are saved with the account in one write.
    /// </summary>
    public async Task<ActionRunResult> RunActionsAsync(string accountId, IReadOnlyList<string> alsoHold,
        Func<Account, IReadOnlyDictionary<string, Account?>, ActionRunResult> run, bool createIfMissing = true, CancellationToken cancellationToken = default)
    {
        Task saved = Task.CompletedTask;
        ActionRunResult result;
        await using (alsoHold.Count == 0
            ? await _locks.AcquireAsync(accountId, cancellationToken).ConfigureAwait(false)
            : await AcquireInOrderAsync([accountId, .. alsoHold], cancellationToken).ConfigureAwait(false))
        {
            var account = await _store.GetLatestAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account is null)
            {
                if (!createIfMissing)
                {
                    return ActionRunResult.Failure("", ErrorCodes.AccountNotFound);
                }
                account = NewAccount(accountId);
            }
            var held = alsoHold.Count == 0 ? s_noneHeld : new Dictionary<string, Account?>(StringComparer.Ordinal);
            foreach (var id in alsoHold)
            {
                held[id] = await _store.GetLatestAsync(id, cancellationToken).ConfigureAwait(false);
            }
            result = run(account, held);
            if (result.RemoveAccount)
            {
                await _store.RemoveAsync(accountId, cancellationToken).ConfigureAwait(false);
                saved = result.AlsoChanged.Count == 0 ? Task.CompletedTask : _store.SaveAsync(result.AlsoChanged, [], cancellationToken).AsTask();
            }
            else if (result.ShouldSave)
            {
                saved = result.AlsoChanged.Count == 0
                    ? _store.SaveAsync(account, cancellationToken).AsTask()
                    : _store.SaveAsync([account, .. result.AlsoChanged], [], cancellationToken).AsTask();
            }
        }
        await saved.ConfigureAwait(false);
        return result;
    }

    /// <summary>Deletes the account under its lock; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var held = await _locks.AcquireAsync(accountId, cancellationToken).ConfigureAwait(false);
        return await _store.RemoveAsync(accountId, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) => _store.GetAsync(accountId, cancellationToken);

    public ValueTask<IReadOnlyList<string>> ListAsync(string? tenant, CancellationToken cancellationToken = default) => _store.ListAsync(tenant, cancellationToken);

    private async Task<(TResult? Result, string? Error)> WithCallAccountsAsync<TResult>(CallDescriptor cd, bool save,
        Func<Account, IReadOnlyDictionary<string, Account>, (TResult? Result, string? Error)> work, CancellationToken cancellationToken,
        Func<TResult, IReadOnlyList<JournalWrite>>? journal = null)
    {
        var key = cd.AccountKey;
        List<string> expectedPartners = [];
        while (true)
        {
            // Locks are always taken in id order, so debits on accounts sharing a group cannot deadlock; the partners
            // are learnt from the account itself, so a change to its groups between attempts means another round.
            var held = expectedPartners.Count == 0
                ? await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false)
                : await AcquireInOrderAsync([.. expectedPartners, key], cancellationToken).ConfigureAwait(false);
            Task saved;
            (TResult? Result, string? Error) outcome;
            List<AccountSummary>? published = null;
            try
            {
                var account = await _store.GetLatestAsync(key, cancellationToken).ConfigureAwait(false);
                if (account is null)
                {
                    return (default, ErrorCodes.AccountNotFound);
                }
                if (account.Disabled)
                {
                    return (default, ErrorCodes.AccountDisabled);
                }
                var partners = SharedGroupPartners(account);
                if (!partners.SequenceEqual(expectedPartners, StringComparer.Ordinal))
                {
                    expectedPartners = partners;
                    continue;
                }
                var members = partners.Count == 0 ? s_noMembers : new Dictionary<string, Account>(StringComparer.Ordinal);
                foreach (var id in partners)
                {
                    if (await _store.GetLatestAsync(id, cancellationToken).ConfigureAwait(false) is { } member)
                    {
                        members[id] = member;
                    }
                }
                if (!save)
                {
                    // A question only (max usage): the copies are the caller's, so the account is free for others
                    // while the dry run works on them.
                    await held.DisposeAsync().ConfigureAwait(false);
                    held = NoLock.Instance;
                    return work(account, members);
                }
                var before = Updates is null ? null : BalancesBefore(account, members);
                outcome = work(account, members);
                if (outcome.Error is null && before is not null)
                {
                    published = MovedSummaries(account, members, before);
                }
                saved = outcome.Error is null && save ? SaveChanged(account, members, journal is not null && outcome.Result is not null
                    ? journal(outcome.Result) : null, cancellationToken) : Task.CompletedTask;
            }
            finally
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
            // The lock is free while the change reaches the disk; this caller hears of it only after.
            await saved.ConfigureAwait(false);
            await PublishAsync(published, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
    }

    private static Dictionary<string, Dictionary<string, decimal>> BalancesBefore(Account account, Dictionary<string, Account> members)
    {
        var before = new Dictionary<string, Dictionary<string, decimal>>(members.Count + 1, StringComparer.Ordinal)
        {
            [account.Id] = AccountSummaries.Values(account),
        };
        foreach (var (id, member) in members)
        {
            before[id] = AccountSummaries.Values(member);
        }
        return before;
    }

    // Account.Publish is called by SaveDirtyBalances for each account whose balances the debit moved: the debited one
    // and the shared-group members that paid.
    private static List<AccountSummary>? MovedSummaries(Account account, IReadOnlyDictionary<string, Account> members,
        Dictionary<string, Dictionary<string, decimal>> before)
    {
        List<AccountSummary>? moved = null;
        foreach (var candidate in members.Values.Prepend(account))
        {
            if (AccountSummaries.Moved(candidate))
            {
                (moved ??= []).Add(AccountSummaries.Published(candidate, before[candidate.Id]));
            }
        }
        return moved;
    }

    private async Task PublishAsync(List<AccountSummary>? published, CancellationToken cancellationToken)
    {
        if (published is null || Updates is not { } updates)
        {
            return;
        }
        foreach (var summary in published)
        {
            await updates.PublishAsync(summary, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Saves the account and the group members the change touched; with a journal, all in one write.</summary>
    private Task SaveChanged(Account account, IReadOnlyDictionary<string, Account> members, IReadOnlyList<JournalWrite>? journal,
        CancellationToken cancellationToken)
    {
        var touched = members.Values.Where(m => m.BalanceMap.Values.Any(list => list.Exists(b => b.Dirty)));
        if (journal is not null)
        {
            return _store.SaveAsync([account, .. touched], journal, cancellationToken).AsTask();
        }
        if (members.Count == 0)
        {
            return _store.SaveAsync(account, cancellationToken).AsTask();
        }
        return Task.WhenAll([_store.SaveAsync(account, cancellationToken).AsTask(), .. touched.Select(m => _store.SaveAsync(m, cancellationToken).AsTask())]);
    }

    private static readonly Dictionary<string, Account?> s_noneHeld = [];

    /// <summary>An empty account for <c>tenant:account</c> (a bare id has no tenant), as an action run creates one.</summary>
    private static Account NewAccount(string accountId)
    {
        var separator = accountId.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? new Account("", accountId) : new Account(accountId[..separator], accountId[(separator + 1)..]);
    }

    private async Task WithAccountsAsync(List<string> ids, Func<IReadOnlyDictionary<string, Account>, bool> work, CancellationToken cancellationToken,
        Func<IReadOnlyDictionary<string, Account>, IReadOnlyList<JournalWrite>>? journal = null)
    {
        Task saved = Task.CompletedTask;
        await using (await AcquireInOrderAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (await _store.GetLatestAsync(id, cancellationToken).ConfigureAwait(false) is { } account)
                {
                    accounts[id] = account;
                }
            }
            if (journal is not null)
            {
                var changed = work(accounts);
                var documents = journal(accounts);
                if (changed || documents.Count > 0)
                {
                    saved = _store.SaveAsync([.. accounts.Values], documents, cancellationToken).AsTask();
                }
            }
            else if (work(accounts))
            {
                saved = Task.WhenAll(accounts.Values.Select(a => _store.SaveAsync(a, cancellationToken).AsTask()));
            }
        }
        await saved.ConfigureAwait(false);
    }

    /// <summary>Locks several accounts, always in id order so two multi-account operations cannot deadlock; released in
    /// reverse order.</summary>
    private async Task<IAsyncDisposable> AcquireInOrderAsync(List<string> ids, CancellationToken cancellationToken)
    {
        ids.Sort(StringComparer.Ordinal);
        var set = new LockSet(ids.Count);
        try
        {
            foreach (var id in ids)
            {
                set.Add(await _locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            await set.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return set;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class LockSet(int capacity) : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _held = new(capacity);

        public void Add(IAsyncDisposable held) => _held.Add(held);

        public async ValueTask DisposeAsync()
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                await _held[i].DisposeAsync().ConfigureAwait(false);
            }
            _held.Clear();
        }
    }

    /// <summary>Other members of the shared groups the account's balances belong to, in id order.</summary>
    private List<string> SharedGroupPartners(Account account)
    {
        SortedSet<string>? ids = null;
        foreach (var list in account.BalanceMap.Values)
        {
            foreach (var b in list)
            {
                if (b.SharedGroups.Count == 0)
                {
                    continue;
                }
                foreach (var groupId in b.SharedGroups.Keys)
                {
                    if (_sharedGroups.GetSharedGroup(groupId) is { } group)
                    {
                        (ids ??= new SortedSet<string>(StringComparer.Ordinal)).UnionWith(group.MemberIds);
                    }
                }
            }
        }
        if (ids is null)
        {
            return s_noPartners;
        }
        ids.Remove(account.Id);
        return [.. ids];
    }
}
