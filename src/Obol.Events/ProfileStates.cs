using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Obol.Filters;
using Obol.Primitives;

namespace Obol.Events;

/// <summary>One profile's state and its lock. A retired slot belongs to a removed profile; whoever waited for its lock
/// leaves it alone.</summary>
[SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no handle unless AvailableWaitHandle is read, which it never is here.")]
public sealed class ProfileStateSlot<TState>(TState state)
    where TState : class
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public TState State { get; set; } = state;

    public bool Retired { get; set; }
}

/// <summary>
/// The profiles of a subsystem that keeps state per profile (ResourceS's resources, IPs' allocations), and that state:
/// the profiles an immutable <see cref="IndexedProfiles{TProfile}"/> swapped whole, each state behind its own lock,
/// saved as store_interval says (<see cref="StateBackup"/>) and settled when the profiles change: a removed profile's
/// state goes, one whose profile changed in a way that resets it starts over.
/// </summary>
/// <param name="create">A new, empty state for a profile's tenant and ID.</param>
/// <param name="resets">Whether the new profile (first) resets the state the previous one (second) left.</param>
/// <param name="json">The state's stored form, read under its lock.</param>
/// <param name="storeInterval">The section's store_interval.</param>
/// <param name="save">Writes a state's JSON durably; null stores nothing.</param>
/// <param name="remove">Drops a stored state; null when <paramref name="save"/> is.</param>
[SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no handle unless AvailableWaitHandle is read, which it never is here.")]
public sealed class ProfileStates<TProfile, TState>(
    Func<string, string, TState> create,
    Func<TProfile, TProfile, bool> resets,
    Func<TState, string> json,
    Usage? storeInterval,
    Func<string, string, string, CancellationToken, ValueTask>? save,
    Func<string, string, CancellationToken, ValueTask>? remove)
    where TProfile : class, IEventProfile
    where TState : class
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), ProfileStateSlot<TState>> _slots = new();
    private readonly StateBackup _backup = new(storeInterval);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile IndexedProfiles<TProfile> _profiles = IndexedProfiles.Empty<TProfile>();

    public IndexedProfiles<TProfile> Profiles => _profiles;

    public ProfileStateSlot<TState> SlotFor(TProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return _slots.GetOrAdd((profile.Tenant, profile.Id), key => new ProfileStateSlot<TState>(create(key.Tenant, key.Id)));
    }

    /// <summary>The profile's state, locked for the caller (who releases its <see cref="ProfileStateSlot{TState}.Gate"/>);
    /// null when the profile was removed while the caller waited.</summary>
    public async ValueTask<ProfileStateSlot<TState>?> EnterAsync(TProfile profile, CancellationToken cancellationToken)
    {
        var slot = SlotFor(profile);
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (slot.Retired)
        {
            slot.Gate.Release();
            return null;
        }
        return slot;
    }

    /// <summary>A stored state put back at start-up, after the profiles are loaded and before serving; false when its
    /// profile is gone.</summary>
    public bool TryRestore(string tenant, string id, TState state)
    {
        if (_profiles.Find(tenant, id) is null)
        {
            return false;
        }
        _slots[(tenant, id)] = new ProfileStateSlot<TState>(state);
        return true;
    }

    /// <summary>After a change to a stored profile's state, still under its lock: saved now, marked for the next backup,
    /// or left in memory, as store_interval says.</summary>
    public async ValueTask ChangedAsync(TProfile profile, bool stored, TState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (stored && save is not null && _backup.StoreNow(profile.Tenant, profile.Id))
        {
            await save(profile.Tenant, profile.Id, json(state), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Saves a stored profile's state now, whatever store_interval says (an operator's explicit change).</summary>
    public async ValueTask SaveNowAsync(TProfile profile, bool stored, TState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (stored && save is not null)
        {
            await save(profile.Tenant, profile.Id, json(state), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores the states marked since the last call (store_interval's backup, and its last one at shutdown);
    /// one that fails stays marked for the next call.</summary>
    /// <returns>How many were stored.</returns>
    public Task<int> StoreMarkedAsync(CancellationToken cancellationToken) =>
        save is null ? Task.FromResult(0) : _backup.StoreMarkedAsync(SnapshotAsync, save, cancellationToken);

    private async ValueTask<string?> SnapshotAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (!_slots.TryGetValue((tenant, id), out var slot))
        {
            return null;
        }
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return slot.Retired ? null : json(slot.State);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Swaps the profiles, then settles the states (DataManager.Set/Remove…Profile): a removed profile's state goes, a
    /// profile that <c>resets</c> its previous one's starts over; <paramref name="changed"/> runs once the new profiles
    /// are in place (the subsystem forgets what it remembered of the old ones).
    /// </summary>
    /// <param name="change">The new set from the current one; null when the change has nothing to act on (NOT_FOUND).</param>
    /// <param name="changed">Called after the swap, before the states are settled.</param>
    /// <param name="cancellationToken">Cancels waiting for the locks and the store.</param>
    /// <returns>Null, NOT_FOUND, or a broken filter reference's error (the old set kept).</returns>
    public async ValueTask<string?> ChangeAsync(Func<IndexedProfiles<TProfile>, IndexedProfiles<TProfile>?> change, Action changed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(changed);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = _profiles;
            try
            {
                if (change(old) is not { } replaced)
                {
                    return ErrorCodes.NotFound;
                }
                _profiles = replaced;
            }
            catch (FilterDefinitionException e)
            {
                return e.Message;
            }
            changed();
            foreach (var (key, slot) in _slots)
            {
                await SettleAsync(key, slot, old.Find(key.Tenant, key.Id), cancellationToken).ConfigureAwait(false);
            }
            return null;
        }
        finally
        {
            _writer.Release();
        }
    }

    private async ValueTask SettleAsync((string Tenant, string Id) key, ProfileStateSlot<TState> slot, TProfile? previous,
        CancellationToken cancellationToken)
    {
        var current = _profiles.Find(key.Tenant, key.Id);
        if (current is not null && previous is not null && !resets(current, previous))
        {
            return;
        }
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is null)
            {
                slot.Retired = true;
                _slots.TryRemove(key, out _);
            }
            else
            {
                slot.State = create(key.Tenant, key.Id);
            }
            if (remove is not null)
            {
                await remove(key.Tenant, key.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }
}
