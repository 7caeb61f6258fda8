using System.Collections.Concurrent;
using Obol.Accounting;

namespace Obol.Storage.Sqlite;

/// <summary>
/// Account states accepted under the account's lock but not yet on disk, so the next change of the account can start
/// from them while they are written (the lock is released before the write's fsync). Writes commit in queue order.
/// When one fails, every accepted state derived from it must fail too: each account keeps an epoch, bumped by a
/// failure, and a state is written only if the epoch it was loaded in is still current.
/// </summary>
internal sealed class PendingAccounts
{
    private readonly ConcurrentDictionary<string, Chain> _chains = new(StringComparer.Ordinal);

    /// <summary>The newest accepted state and, under the account's lock, remembers the epoch the caller starts from.</summary>
    public Account? Load(string accountId, Func<Account?> committed)
    {
        var chain = _chains.GetOrAdd(accountId, static _ => new Chain());
        lock (chain)
        {
            chain.LoadedEpoch = chain.Epoch;
            return chain.Latest?.Clone() ?? committed();
        }
    }

    /// <summary>Records a state about to be queued for writing; the ticket goes with the write.</summary>
    public Ticket Accept(Account account)
    {
        var chain = _chains.GetOrAdd(account.Id, static _ => new Chain());
        lock (chain)
        {
            // Saved without a Load (a new account, or built from the committed state): valid in the current epoch.
            var epoch = chain.LoadedEpoch >= 0 ? chain.LoadedEpoch : chain.Epoch;
            chain.LoadedEpoch = -1;
            chain.Latest = account;
            chain.InFlight++;
            return new Ticket(chain, epoch, account);
        }
    }

    /// <summary>On the writer, before the row is written.</summary>
    /// <exception cref="WriteRejectedException">The state derives from one that failed to reach the disk.</exception>
    public static void ThrowIfStale(Ticket ticket)
    {
        lock (ticket.Chain)
        {
            if (ticket.Epoch != ticket.Chain.Epoch)
            {
                throw new WriteRejectedException($"account {ticket.Account.Id}: an earlier change failed to reach the disk");
            }
        }
    }

    public static void Written(Ticket ticket) => Release(ticket, failed: false);

    public static void Failed(Ticket ticket) => Release(ticket, failed: true);

    /// <summary>Completes once no accepted state of the account is waiting for the disk.</summary>
    public Task WhenWrittenAsync(string accountId)
    {
        if (!_chains.TryGetValue(accountId, out var chain))
        {
            return Task.CompletedTask;
        }
        lock (chain)
        {
            return chain.InFlight == 0 ? Task.CompletedTask : (chain.Drained ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private static void Release(Ticket ticket, bool failed)
    {
        var chain = ticket.Chain;
        lock (chain)
        {
            chain.InFlight--;
            if (failed && ticket.Epoch == chain.Epoch)
            {
                // Start again from the disk: what is still in flight of this epoch derives from the failed state.
                chain.Epoch++;
                chain.Latest = null;
            }
            if (chain.InFlight == 0)
            {
                chain.Latest = null;
                chain.Drained?.TrySetResult();
                chain.Drained = null;
            }
        }
    }

    internal sealed class Chain
    {
        public Account? Latest;
        public int InFlight;
        public long Epoch;
        public long LoadedEpoch = -1;
        public TaskCompletionSource? Drained;
    }

    internal readonly record struct Ticket(Chain Chain, long Epoch, Account Account);
}
