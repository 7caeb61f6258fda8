using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Obol.Storage.Sqlite;

/// <summary>
/// The open transaction of one batch, with the writer's prepared statements. They run on SQLite's own API rather than
/// through <see cref="SqliteCommand"/>: the writer runs a dozen statements per call lifecycle, and the command's reader,
/// statement enumeration and a new UTF-8 copy of every text value took about a seventh of its time. Text is encoded
/// into one reused buffer (SQLite's own UTF-16 conversion goes a character at a time).
/// </summary>
internal sealed class WriteBatch
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);

    // SQLite copies a bound value, so one buffer serves every text value in turn.
    private byte[] _utf8 = new byte[4096];

    public WriteBatch(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>The batch's transaction, for the one-off <see cref="SqliteCommand"/>s some writes still build.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> as <c>$p0</c>, <c>$p1</c>...; returns the
    /// rows it changed.</summary>
    public int Run(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = Bind(sql, values);
        try
        {
            Step(statement.Handle);
            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement.Handle);
        }
    }

    /// <summary>Runs <paramref name="sql"/> (a statement with <c>RETURNING</c> one integer) and gives its first row's
    /// value, or null when it returned no row.</summary>
    public long? RunReturningInt64(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = Bind(sql, values);
        try
        {
            // SQLite makes every change of the statement in its first step; the reset below ends it.
            return Step(statement.Handle) ? raw.sqlite3_column_int64(statement.Handle, 0) : null;
        }
        finally
        {
            raw.sqlite3_reset(statement.Handle);
        }
    }

    public void DisposeCommands()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Handle.Dispose();
        }
        _statements.Clear();
    }

    private Statement Bind(string sql, ReadOnlySpan<object?> values)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = Prepare(sql, values.Length);
            _statements[sql] = statement;
        }
        var handle = statement.Handle;
        for (var i = 0; i < values.Length; i++)
        {
            var index = statement.Indexes[i];
            var rc = values[i] switch
            {
                null => raw.sqlite3_bind_null(handle, index),
                string text => BindText(handle, index, text),
                Utf8Text utf8 => BindText(handle, index, utf8),
                long number => raw.sqlite3_bind_int64(handle, index, number),
                int number => raw.sqlite3_bind_int(handle, index, number),
                var other => throw new ArgumentException($"cannot bind a {other.GetType().Name} to {sql}"),
            };
            Check(rc);
        }
        return statement;
    }

    private int BindText(sqlite3_stmt handle, int index, string text)
    {
        if (text.Length == 0)
        {
            // An empty span would bind a null pointer, which SQLite reads as NULL.
            return raw.sqlite3_bind_text(handle, index, "");
        }
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < most)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }
        return raw.sqlite3_bind_text(handle, index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8)));
    }

    private static int BindText(sqlite3_stmt handle, int index, Utf8Text text) =>
        text.Bytes.Length == 0 ? raw.sqlite3_bind_text(handle, index, "") : raw.sqlite3_bind_text(handle, index, text.Bytes);

    private Statement Prepare(string sql, int parameterCount)
    {
        Check(raw.sqlite3_prepare_v2(_connection.Handle, sql, out var handle));
        // Parameters are numbered by where they first appear, which is not $pN's N in every statement.
        var indexes = new int[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(handle, "$p" + i.ToString(CultureInfo.InvariantCulture));
        }
        return new Statement(handle, indexes);
    }

    /// <summary>Steps once: true with a row to read, false when the statement is done.</summary>
    private bool Step(sqlite3_stmt handle)
    {
        var rc = raw.sqlite3_step(handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
        return false;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    private sealed record Statement(sqlite3_stmt Handle, int[] Indexes);
}

/// <summary>Text already encoded as UTF-8, bound as TEXT without a string in between.</summary>
internal sealed class Utf8Text(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;
}
