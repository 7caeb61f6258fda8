using Obol.Cdrs;

namespace Obol.Storage.Sqlite;

/// <summary>
/// <see cref="ICdrStore"/> on the <c>cdrs</c> table: one row per CGRID + RunID (a UNIQUE key, as CGRateS's SQL
/// StorDB has), <c>order_id</c> an AUTOINCREMENT key so OrderIDs only grow and are never reused, as the SQL
/// StorDB's <c>id</c>. Writes go through the group committer and return once committed. Queries run in SQL as far
/// as <see cref="CdrSqlFilter"/> reaches; cost and extra-field conditions (and ordering by cost) are applied in
/// memory to the rows SQL selects, so such queries read every row the other conditions leave.
/// </summary>
public sealed class SqliteCdrStore : ICdrStore
{
    private const string Insert = "INSERT INTO cdrs (" + CdrRows.Columns + ") VALUES " +
        "($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18, $p19, $p20, $p21) " +
        "ON CONFLICT (cgrid, run_id) DO NOTHING RETURNING order_id";

    private const string Update = "UPDATE cdrs SET origin_host = $p2, source = $p3, origin_id = $p4, tor = $p5, " +
        "request_type = $p6, tenant = $p7, category = $p8, account = $p9, subject = $p10, destination = $p11, " +
        "setup_time = $p12, answer_time = $p13, usage = $p14, extra_fields = $p15, extra_info = $p16, partial = $p17, " +
        "pre_rated = $p18, cost_source = $p19, cost = $p20, cost_details = $p21 WHERE cgrid = $p0 AND run_id = $p1 RETURNING order_id";

    private readonly SqliteStore _store;

    internal SqliteCdrStore(SqliteStore store)
    {
        _store = store;
    }

    public async ValueTask<CdrWriteResult> PutAsync(Cdr cdr, bool allowUpdate, CancellationToken cancellationToken = default)
    {
        var values = CdrRows.Values(cdr);
        var result = new CdrWriteResult(CdrWriteOutcome.Duplicate, 0);
        await _store.WriteAsync(new WriteOperation(null, batch =>
        {
            // A duplicate is an answer, not a failure: throwing here would fail every write of the batch.
            if (batch.RunReturningInt64(Insert, values) is { } inserted)
            {
                result = new CdrWriteResult(CdrWriteOutcome.Inserted, inserted);
            }
            else if (allowUpdate && batch.RunReturningInt64(Update, values) is { } updated)
            {
                result = new CdrWriteResult(CdrWriteOutcome.Updated, updated);
            }
            else
            {
                result = new CdrWriteResult(CdrWriteOutcome.Duplicate, 0);
            }
            return result.IsStored;
        }), cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async ValueTask<IReadOnlyList<Cdr>> GetAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new CdrSqlFilter(query);
        if (NeedsMemory(query))
        {
            return query.Select(await ReadAsync(filter, " ORDER BY order_id", cancellationToken).ConfigureAwait(false));
        }
        var tail = " ORDER BY " + OrderBy(query.OrderBy);
        if (query.Limit is not null || query.Offset is > 0)
        {
            // SQLite needs a LIMIT before an OFFSET; -1 is "no limit".
            tail += $" LIMIT {(query.Limit is { } limit ? Math.Max(limit, 0) : -1)} OFFSET {Math.Max(query.Offset ?? 0, 0)}";
        }
        return await ReadAsync(filter, tail, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new CdrSqlFilter(query);
        if (query.HasValueConditions)
        {
            return (await ReadAsync(filter, "", cancellationToken).ConfigureAwait(false)).Count(query.Matches);
        }
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM cdrs" + filter.Where;
            filter.Bind(command);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async ValueTask<long> RemoveAsync(CdrQuery query, CancellationToken cancellationToken = default)
    {
        string sql;
        object?[] values;
        if (query.HasValueConditions)
        {
            // The in-memory conditions pick the rows; they are deleted by OrderID. A CDR updated between the read and
            // the delete is judged on what was read.
            var doomed = (await ReadAsync(new CdrSqlFilter(query), "", cancellationToken).ConfigureAwait(false)).Where(query.Matches).ToList();
            if (doomed.Count == 0)
            {
                return 0;
            }
            sql = "DELETE FROM cdrs WHERE order_id IN (SELECT value FROM json_each($p0))";
            values = ["[" + string.Join(',', doomed.Select(c => c.OrderId)) + "]"];
        }
        else
        {
            var filter = new CdrSqlFilter(query);
            sql = "DELETE FROM cdrs" + filter.Where;
            values = filter.Values;
        }
        long removed = 0;
        await _store.WriteAsync(new WriteOperation(null, batch =>
        {
            // One-off statement: the filter's shape varies, so it is not worth a slot in the batch's prepared cache.
            using var command = batch.Transaction!.Connection!.CreateCommand();
            command.Transaction = batch.Transaction;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
            }
            removed = command.ExecuteNonQuery();
            return removed > 0;
        }), cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static bool NeedsMemory(CdrQuery query) => query.HasValueConditions || query.OrderBy is { Field: CdrSortField.Cost };

    /// <summary>SQL for <see cref="CdrQuery.Sort"/>'s order; ties stay in OrderID order.</summary>
    private static string OrderBy(CdrOrder? order)
    {
        if (order is not { } o)
        {
            return "order_id";
        }
        var column = o.Field switch
        {
            CdrSortField.AnswerTime => "answer_time",
            CdrSortField.SetupTime => "setup_time",
            CdrSortField.Usage => "usage",
            _ => "order_id",
        };
        var direction = o.Descending ? " DESC" : "";
        return column == "order_id" ? column + direction : $"{column}{direction}, order_id";
    }

    private async Task<List<Cdr>> ReadAsync(CdrSqlFilter filter, string tail, CancellationToken cancellationToken)
    {
        var result = new List<Cdr>();
        var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = CdrRows.Select + filter.Where + tail;
            filter.Bind(command);
            var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(CdrRows.Read(rows));
                }
            }
        }
        return result;
    }
}
