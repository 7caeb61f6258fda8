using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Obol.Storage.Sqlite;

/// <summary>
/// The single writer: takes every operation queued while the previous commit ran and commits them in one
/// transaction (one WAL fsync for the lot). Waiters resume only after their batch is on disk; a failed commit faults
/// every waiter of the batch with the error and leaves memory as it was.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly int _maxBatchSize;
    private readonly Channel<WriteOperation> _queue =
        Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WriteBatch _batch;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action? _afterCommit;
    private long _commitCount;
    private long _operationCount;

    /// <param name="connection">The one connection that writes.</param>
    /// <param name="maxBatchSize">The most operations one transaction takes.</param>
    /// <param name="afterCommit">Runs on the writer after each committed batch, once its waiters are released.</param>
    public GroupCommitter(SqliteConnection connection, int maxBatchSize, Action? afterCommit = null)
    {
        _connection = connection;
        _afterCommit = afterCommit;
        _maxBatchSize = Math.Max(1, maxBatchSize);
        _batch = new WriteBatch(connection);
        // A thread of its own: each commit blocks for the length of a SQLite transaction, and on the thread pool that
        // made the pool add workers, which then took turns on the two cores with the request handlers.
        new Thread(Run) { IsBackground = true, Name = "obol-committer" }.Start();
    }

    public long CommitCount => Interlocked.Read(ref _commitCount);

    public long OperationCount => Interlocked.Read(ref _operationCount);

    /// <summary>Queues the operation; the task completes once it is committed. Not cancellable once queued.</summary>
    public Task<bool> EnqueueAsync(WriteOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteStore), "the store is closed");
        }
        return operation.Done;
    }

    /// <summary>Stops taking operations and commits the ones already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
        _batch.DisposeCommands();
    }

    private void Run()
    {
        try
        {
            CommitUntilClosed();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void CommitUntilClosed()
    {
        var reader = _queue.Reader;
        var pending = new List<WriteOperation>(_maxBatchSize);
        var lastByKey = new Dictionary<string, WriteOperation>(StringComparer.Ordinal);
        while (Wait(reader.WaitToReadAsync()))
        {
            while (pending.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                pending.Add(operation);
                if (operation.CoalesceKey is { } key)
                {
                    lastByKey[key] = operation;
                }
            }
            CommitInOrder(pending, lastByKey);
            pending.Clear();
            lastByKey.Clear();
        }
    }

    /// <summary>One transaction for the batch, unless it holds operations that must run outside one (VACUUM): those run
    /// alone, between the transactions of what was queued before and after them.</summary>
    private void CommitInOrder(List<WriteOperation> pending, Dictionary<string, WriteOperation> lastByKey)
    {
        if (!pending.Exists(static o => o.OutsideTransaction))
        {
            Commit(pending, lastByKey);
            return;
        }
        var run = new List<WriteOperation>();
        foreach (var operation in pending)
        {
            if (!operation.OutsideTransaction)
            {
                run.Add(operation);
                continue;
            }
            if (run.Count > 0)
            {
                Commit(run, lastByKey);
                run.Clear();
            }
            RunAlone(operation);
        }
        if (run.Count > 0)
        {
            Commit(run, lastByKey);
        }
    }

    private void RunAlone(WriteOperation operation)
    {
        try
        {
            if (operation.Validate())
            {
                operation.Execute(_batch);
            }
        }
#pragma warning disable CA1031 // The failure goes to the waiter; the loop must outlive it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            operation.Fail(e);
            return;
        }
        Interlocked.Increment(ref _commitCount);
        Interlocked.Increment(ref _operationCount);
        operation.Committed();
        _afterCommit?.Invoke();
    }

    private static bool Wait(ValueTask<bool> ready) => ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();

    private void Commit(List<WriteOperation> pending, Dictionary<string, WriteOperation> lastByKey)
    {
        try
        {
            using (var transaction = _connection.BeginTransaction())
            {
                _batch.Transaction = transaction;
                foreach (var operation in pending)
                {
                    if (operation.Validate() && (operation.CoalesceKey is not { } key || ReferenceEquals(lastByKey[key], operation)))
                    {
                        operation.Execute(_batch);
                    }
                }
                transaction.Commit();
            }
        }
#pragma warning disable CA1031 // Every failure goes to the waiters; the loop must outlive one bad batch.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var operation in pending)
            {
                operation.Fail(e);
            }
            return;
        }
        finally
        {
            _batch.Transaction = null;
        }
        Interlocked.Increment(ref _commitCount);
        Interlocked.Add(ref _operationCount, pending.Count);
        foreach (var operation in pending)
        {
            // A coalesced-away change was written by the last one of its key, so it shares that one's fate.
            operation.Committed(operation.CoalesceKey is { } key ? lastByKey[key] : null);
        }
        _afterCommit?.Invoke();
    }
}
