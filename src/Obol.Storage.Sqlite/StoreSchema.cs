using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Obol.Storage.Sqlite;

/// <summary>
/// The tables and their version. <c>meta.schema_version</c> names the layout; a database from a newer Obol is refused
/// rather than half-understood. Raise <see cref="Version"/> and add a migration step when a table changes.
/// </summary>
internal static class StoreSchema
{
    // 2: the cdrs table (created on open of a version-1 database by the IF NOT EXISTS below).
    // 3: documents is a rowid table with a unique (collection, key) instead of WITHOUT ROWID. In a WITHOUT ROWID table
    //    a row over about 1,000 bytes (a session's start, its settled EventCost) spills into an overflow page of its
    //    own, and every row lands at a random place in the tree: each journal write touched two or three pages, and
    //    the table held 3.8 MB of documents in 14 MB. Rows now go to the end of the table, several per page, and the
    //    index holds only the keys.
    public const int Version = 3;

    private const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, json TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS schedule (key TEXT PRIMARY KEY, next_run TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tp_files (tpid TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (tpid, name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tp_loads (id INTEGER PRIMARY KEY AUTOINCREMENT, tpid TEXT NOT NULL,
            loaded_at TEXT NOT NULL, source TEXT NOT NULL, file_count INTEGER NOT NULL, char_count INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, collection TEXT NOT NULL, key TEXT NOT NULL,
            json TEXT NOT NULL, UNIQUE (collection, key));
        CREATE TABLE IF NOT EXISTS cdrs (order_id INTEGER PRIMARY KEY AUTOINCREMENT, cgrid TEXT NOT NULL,
            run_id TEXT NOT NULL, origin_host TEXT NOT NULL, source TEXT NOT NULL, origin_id TEXT NOT NULL,
            tor TEXT NOT NULL, request_type TEXT NOT NULL, tenant TEXT NOT NULL, category TEXT NOT NULL,
            account TEXT NOT NULL, subject TEXT NOT NULL, destination TEXT NOT NULL, setup_time TEXT NOT NULL,
            answer_time TEXT NOT NULL, usage INTEGER NOT NULL, extra_fields TEXT NOT NULL, extra_info TEXT NOT NULL,
            partial INTEGER NOT NULL, pre_rated INTEGER NOT NULL, cost_source TEXT NOT NULL, cost TEXT NOT NULL,
            cost_details TEXT, UNIQUE (cgrid, run_id));
        CREATE INDEX IF NOT EXISTS cdrs_account ON cdrs (tenant, account);
        CREATE INDEX IF NOT EXISTS cdrs_answer_time ON cdrs (answer_time);
        """;

    /// <summary>Creates the tables of a new database, or checks the version of an existing one.</summary>
    /// <exception cref="InvalidDataException">The database is newer than this code.</exception>
    public static void Ensure(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction();
        var found = ReadVersion(connection, transaction);
        if (found > Version)
        {
            throw new InvalidDataException(NewerThanThis(path, found) + "; run a newer Obol on it or choose another data directory");
        }
        if (found is > 0 and < 3)
        {
            MigrateDocuments(connection, transaction);
        }
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = Create + "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', $v);";
            create.Parameters.AddWithValue("$v", Version.ToString(CultureInfo.InvariantCulture));
            create.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Refuses a database that is not an Obol store this code can open (a backup about to be restored).</summary>
    /// <exception cref="InvalidDataException">No schema version, or a newer one.</exception>
    public static void CheckReadable(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction();
        var found = ReadVersion(connection, transaction);
        if (found == 0)
        {
            throw new InvalidDataException($"{path}: not an Obol database (no schema version)");
        }
        if (found > Version)
        {
            throw new InvalidDataException(NewerThanThis(path, found));
        }
    }

    private static string NewerThanThis(string path, int found) => $"{path}: schema version {found} is newer than this Obol understands ({Version})";

    /// <summary>Copies the WITHOUT ROWID documents of versions 1 and 2 into the rowid layout, in the opening transaction.</summary>
    private static void MigrateDocuments(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE documents_v3 (id INTEGER PRIMARY KEY, collection TEXT NOT NULL, key TEXT NOT NULL,
                json TEXT NOT NULL, UNIQUE (collection, key));
            INSERT INTO documents_v3 (collection, key, json) SELECT collection, key, json FROM documents ORDER BY collection, key;
            DROP TABLE documents;
            ALTER TABLE documents_v3 RENAME TO documents;
            """;
        command.ExecuteNonQuery();
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var text = command.ExecuteScalar() as string;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidDataException($"unreadable schema version \"{text}\"");
    }
}
