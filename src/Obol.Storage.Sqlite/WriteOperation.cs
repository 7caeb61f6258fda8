namespace Obol.Storage.Sqlite;

/// <summary>
/// One change queued for the group committer. <see cref="Execute"/> runs inside the batch's transaction;
/// <see cref="Committed"/> runs on the writer after the commit, in queue order, before any waiter resumes — that is
/// where hot in-memory copies change, so memory never shows what the disk does not hold.
/// </summary>
internal sealed class WriteOperation
{
    private readonly Func<WriteBatch, bool>? _execute;
    private readonly Func<bool, bool>? _committed;
    private readonly Action<Exception>? _failed;
    private readonly Action? _validate;
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _executed;
    private WriteRejectedException? _rejected;

    /// <param name="coalesceKey">Operations with the same key in one batch write only the last one's row (it
    /// overwrites the others anyway); null for operations that must all run.</param>
    /// <param name="execute">Writes the row; returns the operation's result (e.g. "a row was deleted").</param>
    /// <param name="committed">Given the result of <paramref name="execute"/> (false when coalesced away), updates
    /// memory and returns the result the waiter sees.</param>
    /// <param name="failed">Runs on the writer when the operation did not reach the disk (its batch failed, or it was
    /// rejected), before its waiter sees the error.</param>
    /// <param name="validate">Runs on the writer for every operation, even one coalesced away, before anything is
    /// written; throwing <see cref="WriteRejectedException"/> fails the operation alone.</param>
    public WriteOperation(string? coalesceKey, Func<WriteBatch, bool>? execute, Func<bool, bool>? committed = null, Action<Exception>? failed = null,
        Action? validate = null)
    {
        CoalesceKey = coalesceKey;
        _execute = execute;
        _committed = committed;
        _failed = failed;
        _validate = validate;
    }

    public string? CoalesceKey { get; }

    /// <summary>Runs alone and outside any transaction (a statement SQLite refuses inside one, such as VACUUM); its
    /// <c>execute</c> finds <see cref="WriteBatch.Transaction"/> null.</summary>
    public bool OutsideTransaction { get; init; }

    public Task<bool> Done => _done.Task;

    /// <summary>The operation's own check; false when it rejected the operation.</summary>
    public bool Validate()
    {
        try
        {
            _validate?.Invoke();
            return true;
        }
        catch (WriteRejectedException e)
        {
            _rejected = e;
            return false;
        }
    }

    public void Execute(WriteBatch batch) => _executed = _execute?.Invoke(batch) ?? true;

    /// <param name="writtenBy">The operation that wrote this one's key in the batch (itself when it ran).</param>
    public void Committed(WriteOperation? writtenBy = null)
    {
        if ((_rejected ?? writtenBy?._rejected) is { } rejected)
        {
            Fail(rejected);
            return;
        }
        bool result;
        try
        {
            result = _committed?.Invoke(_executed) ?? _executed;
        }
#pragma warning disable CA1031 // The writer runs on a thread of its own: a failing callback goes to its waiter, not the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _done.TrySetException(e);
            return;
        }
        _done.TrySetResult(result);
    }

    public void Fail(Exception e)
    {
        _failed?.Invoke(e);
        _done.TrySetException(e);
    }
}

/// <summary>An operation refused by its own check before it wrote anything; the rest of its batch is unaffected.</summary>
internal sealed class WriteRejectedException(string message) : IOException(message);
