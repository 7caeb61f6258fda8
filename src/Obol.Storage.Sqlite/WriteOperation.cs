using Microsoft.Data.Sqlite;

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
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _executed;

    /// <param name="coalesceKey">Operations with the same key in one batch write only the last one's row (it
    /// overwrites the others anyway); null for operations that must all run.</param>
    /// <param name="execute">Writes the row; returns the operation's result (e.g. "a row was deleted").</param>
    /// <param name="committed">Given the result of <paramref name="execute"/> (false when coalesced away), updates
    /// memory and returns the result the waiter sees.</param>
    public WriteOperation(string? coalesceKey, Func<WriteBatch, bool>? execute, Func<bool, bool>? committed = null)
    {
        CoalesceKey = coalesceKey;
        _execute = execute;
        _committed = committed;
    }

    public string? CoalesceKey { get; }

    public Task<bool> Done => _done.Task;

    public void Execute(WriteBatch batch) => _executed = _execute?.Invoke(batch) ?? true;

    public void Committed() => _done.TrySetResult(_committed?.Invoke(_executed) ?? _executed);

    public void Fail(Exception e) => _done.TrySetException(e);
}

/// <summary>The open transaction of one batch, with the writer's prepared statements.</summary>
internal sealed class WriteBatch
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public WriteBatch(SqliteConnection connection)
    {
        _connection = connection;
    }

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The statement for <paramref name="sql"/>, prepared once, its parameters set in order
    /// (<c>$p0</c>, <c>$p1</c>...).</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<object?> values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }
            _commands[sql] = command;
        }
        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command;
    }

    public int Run(string sql, params ReadOnlySpan<object?> values) => Command(sql, values).ExecuteNonQuery();

    public void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
