using Obol.Accounting;
using Obol.Accounting.Triggers;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>
/// Trigger groups (ActionTriggers.csv, APIerSv1.SetActionTrigger) and the copies accounts hold
/// (apier/v1/triggers.go): groups are changed under the load lock and kept as API changes; an account's copies are
/// changed under its lock, as any account change.
/// </summary>
public sealed partial class RalsService
{
    /// <summary>APIerSv1.GetActionTriggers: the named groups' triggers in turn, every group's (by id) when none is named;
    /// NOT_FOUND for an unknown group, or when there are none at all.</summary>
    public (IReadOnlyList<ActionTrigger> Triggers, string? Error) GetActionTriggers(IReadOnlyList<string> groupIds)
    {
        var groups = _accounting.ActionTriggers;
        var ids = groupIds.Count > 0 ? groupIds : [.. groups.Keys.Order(StringComparer.Ordinal)];
        if (ids.Count == 0 || ids.Any(id => !groups.ContainsKey(id)))
        {
            return ([], ErrorCodes.NotFound);
        }
        return ([.. ids.SelectMany(id => groups[id])], null);
    }

    /// <summary>
    /// APIerSv1.SetActionTrigger: updates the group's trigger with that unique id, or adds one (a new unique id when none
    /// is given) to the group, which is created when missing. Accounts keep the copies they already hold.
    /// </summary>
    public Task<string?> SetActionTriggerAsync(ActionTriggerUpdate update, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (update.GroupId.Length == 0)
            {
                return ErrorCodes.MandatoryIeMissingFields("GroupID");
            }
            var group = _accounting.ActionTriggers.TryGetValue(update.GroupId, out var existing) ? existing.Select(t => t.Clone()).ToList() : [];
            var trigger = update.UniqueId.Length == 0 ? null : group.Find(t => t.UniqueID == update.UniqueId);
            if (trigger is null)
            {
                trigger = new ActionTrigger();
                group.Add(trigger);
            }
            trigger.ID = update.GroupId;
            trigger.UniqueID = update.UniqueId.Length > 0 ? update.UniqueId : AccountService.NewUuid();
            var (_, error) = (update with { UniqueId = trigger.UniqueID }).ApplyTo(trigger, _options.TimeZone, _clock.GetCurrentInstant());
            return error ?? await ReplaceTriggerGroupAsync(update.GroupId, group, ct).ConfigureAwait(false);
        }, ct);

    /// <summary>APIerSv1.RemoveActionTrigger: the whole group without a unique id, else only that trigger.</summary>
    public Task<string?> RemoveActionTriggerAsync(string groupId, string uniqueId, CancellationToken ct = default) =>
        UnderLoadLockAsync(async () =>
        {
            if (groupId.Length == 0)
            {
                return ErrorCodes.MandatoryIeMissingFields("GroupID");
            }
            if (!_accounting.ActionTriggers.TryGetValue(groupId, out var group))
            {
                return ErrorCodes.NotFound;
            }
            return await ReplaceTriggerGroupAsync(groupId, uniqueId.Length == 0 ? null : [.. group.Where(t => t.UniqueID != uniqueId)], ct)
                .ConfigureAwait(false);
        }, ct);

    /// <summary>
    /// APIerSv1.AddAccountActionTriggers: copies of the groups' triggers join the account's (all of them replaced with
    /// <paramref name="overwrite"/>), each with the activation time and Executed given; a trigger the account already
    /// holds (same group and unique id) is not added twice.
    /// </summary>
    public Task<string?> AddAccountActionTriggersAsync(string accountId, IReadOnlyList<string> groupIds, bool overwrite, NodaTime.Instant? activation,
        bool executed, CancellationToken ct = default)
    {
        var groups = _accounting.ActionTriggers;
        if (groupIds.FirstOrDefault(id => !groups.ContainsKey(id)) is not null)
        {
            return Task.FromResult<string?>(ErrorCodes.NotFound);
        }
        return ChangeAccountTriggersAsync(accountId, account =>
        {
            if (overwrite)
            {
                account.ActionTriggers = [];
            }
            foreach (var template in groupIds.SelectMany(id => groups[id]))
            {
                var copy = template.Clone();
                copy.ActivationDate = activation;
                copy.Executed = executed;
                if (!account.ActionTriggers.Exists(t => t.ID == copy.ID && t.UniqueID == copy.UniqueID))
                {
                    account.ActionTriggers.Add(copy);
                }
            }
            ActionTriggerEngine.InitCounters(account);
            return null;
        }, ct);
    }

    /// <summary>APIerSv1.AddTriggeredAction: <paramref name="trigger"/> joins the account's triggers as given (CGRateS
    /// neither checks it nor sets its counters); NOT_FOUND for an unknown account.</summary>
    public Task<string?> AddTriggeredActionAsync(string accountId, ActionTrigger trigger, CancellationToken ct = default) =>
        ChangeAccountTriggersAsync(accountId, account =>
        {
            account.ActionTriggers.Add(trigger);
            return null;
        }, ct);

    /// <summary>APIerSv1.RemoveAccountActionTriggers: the account's triggers of that group and unique id (each, when
    /// given) go.</summary>
    public Task<string?> RemoveAccountActionTriggersAsync(string accountId, string groupId, string uniqueId, CancellationToken ct = default) =>
        ChangeAccountTriggersAsync(accountId, account =>
        {
            account.ActionTriggers.RemoveAll(t => Selects(t, groupId, uniqueId));
            ActionTriggerEngine.InitCounters(account);
            return null;
        }, ct);

    /// <summary>APIerSv1.ResetAccountActionTriggers: the selected triggers' Executed set as given; when reset to false
    /// the account's triggers are evaluated again at once.</summary>
    public Task<string?> ResetAccountActionTriggersAsync(string accountId, string groupId, string uniqueId, bool executed, CancellationToken ct = default) =>
        ChangeAccountTriggersAsync(accountId, account =>
        {
            foreach (var trigger in account.ActionTriggers.Where(t => Selects(t, groupId, uniqueId)))
            {
                trigger.Executed = executed;
            }
            if (!executed)
            {
                Triggers.ExecuteTriggers(account, null);
            }
            return null;
        }, ct);

    /// <summary>APIerSv1.SetAccountActionTriggers: updates the account's matching triggers, or adds a new one when none
    /// matches; then evaluates the account's triggers.</summary>
    public Task<string?> SetAccountActionTriggersAsync(string accountId, ActionTriggerUpdate update, CancellationToken ct = default) =>
        ChangeAccountTriggersAsync(accountId, account =>
        {
            var now = _clock.GetCurrentInstant();
            var foundOne = false;
            foreach (var trigger in account.ActionTriggers)
            {
                var (updated, error) = update.ApplyTo(trigger, _options.TimeZone, now);
                if (error is not null)
                {
                    return error;
                }
                foundOne |= updated;
            }
            if (!foundOne)
            {
                var created = new ActionTrigger();
                var (updated, error) = update.ApplyTo(created, _options.TimeZone, now);
                if (error is not null)
                {
                    return error;
                }
                if (updated)
                {
                    account.ActionTriggers.Add(created);
                }
            }
            Triggers.ExecuteTriggers(account, null);
            return null;
        }, ct);

    private static bool Selects(ActionTrigger trigger, string groupId, string uniqueId) =>
        (uniqueId.Length == 0 || trigger.UniqueID == uniqueId) && (groupId.Length == 0 || trigger.ID == groupId);

    /// <summary>Changes an existing account under its lock, saved only when <paramref name="change"/> answers no error.</summary>
    private Task<string?> ChangeAccountTriggersAsync(string accountId, Func<Account, string?> change, CancellationToken ct) =>
        Accounts.UpdateAsync<string?>(accountId, existing =>
        {
            if (existing is null)
            {
                return (null, ErrorCodes.NotFound);
            }
            var error = change(existing);
            return (error is null ? existing : null, error);
        }, ct);

    private async Task<string?> ReplaceTriggerGroupAsync(string groupId, IReadOnlyList<ActionTrigger>? group, CancellationToken ct)
    {
        await SaveChangesAsync(RalsStateChanges.Empty with
        {
            ActionTriggerGroups = new Dictionary<string, IReadOnlyList<ActionTrigger>?>(StringComparer.Ordinal) { [groupId] = group },
        }, ct).ConfigureAwait(false);
        var groups = new Dictionary<string, IReadOnlyList<ActionTrigger>>(_accounting.ActionTriggers, StringComparer.Ordinal);
        if (group is null)
        {
            groups.Remove(groupId);
        }
        else
        {
            groups[groupId] = group;
        }
        _accounting = new AccountingData(_accounting.Actions, groups);
        return null;
    }
}
