using Microsoft.Data.Sqlite;

namespace Obol.Storage.Sqlite;

/// <summary>
/// The embedded durable store (what CGRateS's <c>*internal</c> DataDB and StorDB are in Obol): one SQLite file,
/// <c>&lt;dataDir&gt;/obol.db</c>, in WAL mode. Every change goes through one group committer on one connection, so
/// concurrent writers share a transaction and an fsync; readers use pooled connections of their own, which WAL lets
/// run beside the writer. One process owns the directory.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    public const string FileName = "obol.db";

    private readonly SqliteConnection _writer;
    private readonly GroupCommitter _committer;
    private readonly WalCheckpointer _checkpointer;
    private readonly string _readConnectionString;
    private int _disposed;

    private SqliteStore(string path, SqliteConnection writer, SqliteConnection checkpointing, SqliteStoreOptions options)
    {
        DatabasePath = path;
        _writer = writer;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
        _checkpointer = new WalCheckpointer(writer, checkpointing, options.CheckpointPages);
        _committer = new GroupCommitter(writer, options.MaxBatchSize, _checkpointer.AfterCommit);
        Accounts = new SqliteAccountStore(this);
        Schedules = new SqliteScheduleStore(this);
        TariffPlans = new SqliteTariffPlanStore(this, options.TimeProvider);
        Documents = new SqliteDocumentStore(this);
        Cdrs = new SqliteCdrStore(this);
        Maintenance = new SqliteMaintenance(this, options.TimeProvider);
    }

    public string DatabasePath { get; }

    public SqliteAccountStore Accounts { get; }

    public SqliteScheduleStore Schedules { get; }

    public SqliteTariffPlanStore TariffPlans { get; }

    public SqliteDocumentStore Documents { get; }

    public SqliteCdrStore Cdrs { get; }

    public SqliteMaintenance Maintenance { get; }

    /// <summary>Where the store's previous files went when this open put a staged restore in their place.</summary>
    public string? KeptBeforeRestore { get; private init; }

    /// <summary>Transactions committed so far; fewer than <see cref="OperationCount"/> when writes were batched.</summary>
    public long CommitCount => _committer.CommitCount;

    /// <summary>Queued operations committed so far.</summary>
    public long OperationCount => _committer.OperationCount;

    /// <summary>Checkpoints run beside the writer (<see cref="SqliteStoreOptions.CheckpointPages"/>).</summary>
    public long BackgroundCheckpoints => _checkpointer.BackgroundPasses;

    /// <summary>Checkpoints completed by the writer, each letting the WAL start over.</summary>
    public long CompletedCheckpoints => _checkpointer.Finishes;

    /// <summary>Opens <c>&lt;dataDir&gt;/obol.db</c>, creating the directory and the database when missing, and loads
    /// the accounts into memory.</summary>
    /// <exception cref="InvalidDataException">The file is not an Obol database, or one of a newer schema, or holds an
    /// unreadable account.</exception>
    public static async Task<SqliteStore> OpenAsync(string dataDir, SqliteStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SqliteStoreOptions();
        Directory.CreateDirectory(dataDir);
        var keptBeforeRestore = SqliteMaintenance.ApplyStagedRestore(dataDir, options.TimeProvider);
        var path = Path.GetFullPath(Path.Combine(dataDir, FileName));
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        var checkpointing = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            Configure(writer, path, options);
            StoreSchema.Ensure(writer, path);
            await checkpointing.OpenAsync(cancellationToken).ConfigureAwait(false);
            SetSynchronous(checkpointing, options);
        }
        catch (Exception e)
        {
            await checkpointing.DisposeAsync().ConfigureAwait(false);
            await writer.DisposeAsync().ConfigureAwait(false);
            if (e is SqliteException { SqliteErrorCode: 26 or 11 } notADatabase)
            {
                // SQLITE_NOTADB / SQLITE_CORRUPT: refuse with the path instead of a bare SQLite code.
                throw new InvalidDataException($"{path}: not a readable Obol database ({notADatabase.Message})", e);
            }
            throw;
        }
        var store = new SqliteStore(path, writer, checkpointing, options) { KeptBeforeRestore = keptBeforeRestore };
        try
        {
            await store.Accounts.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    /// <summary>Commits what is queued, then closes every connection to the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _committer.DisposeAsync().ConfigureAwait(false);
        _checkpointer.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var reader = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(reader);
    }

    internal Task<bool> WriteAsync(WriteOperation operation, CancellationToken cancellationToken) =>
        _committer.EnqueueAsync(operation, cancellationToken);

    /// <summary>A pooled read connection; it sees every committed write.</summary>
    internal async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return connection;
    }

    private static void Configure(SqliteConnection connection, string path, SqliteStoreOptions options)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        if (command.ExecuteScalar() is not string mode || !mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: cannot switch to WAL journal mode (got {command.ExecuteScalar()})");
        }
        SetSynchronous(connection, options);
        // Checkpoints are WalCheckpointer's, off the committer's thread.
        command.CommandText = "PRAGMA wal_autocheckpoint = 0";
        command.ExecuteNonQuery();
    }

    // NORMAL (default): a commit is in the OS before it is acknowledged, so it survives SIGKILL but not a power cut;
    // FULL adds one fsync per group commit. The measured trade-off is on SqliteStoreOptions.FlushEveryCommit. The
    // checkpointing connection syncs the WAL and the database file at each checkpoint under either.
    private static void SetSynchronous(SqliteConnection connection, SqliteStoreOptions options)
    {
        using var command = connection.CreateCommand();
        command.CommandText = options.FlushEveryCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        command.ExecuteNonQuery();
    }
}
