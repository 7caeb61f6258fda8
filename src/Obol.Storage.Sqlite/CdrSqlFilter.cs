using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Obol.Cdrs;

namespace Obol.Storage.Sqlite;

/// <summary>
/// The part of a <see cref="CdrQuery"/> SQL can answer on the <c>cdrs</c> columns: identity and string lists,
/// destination prefixes, setup/answer time, usage and order-id ranges. Costs (stored as exact decimal text) and
/// extra fields (JSON) are left to <see cref="CdrQuery.Matches"/> in memory; see
/// <see cref="CdrQuery.HasValueConditions"/>.
/// </summary>
internal sealed class CdrSqlFilter
{
    private readonly StringBuilder _where = new();
    private readonly List<object> _values = [];

    public CdrSqlFilter(CdrQuery query)
    {
        In("cgrid", query.Cgrids, query.NotCgrids);
        In("run_id", query.RunIds, query.NotRunIds);
        In("origin_id", query.OriginIds, query.NotOriginIds);
        In("origin_host", query.OriginHosts, query.NotOriginHosts);
        In("source", query.Sources, query.NotSources);
        In("tor", query.ToRs, query.NotToRs);
        In("request_type", query.RequestTypes, query.NotRequestTypes);
        In("tenant", query.Tenants, query.NotTenants);
        In("category", query.Categories, query.NotCategories);
        In("account", query.Accounts, query.NotAccounts);
        In("subject", query.Subjects, query.NotSubjects);
        if (query.DestinationPrefixes.Count > 0)
        {
            // substr instead of LIKE: exact and case-sensitive, with no wildcard escaping (CGRateS pastes the prefix
            // into LIKE unescaped).
            And("(" + string.Join(" OR ", query.DestinationPrefixes.Select(p => $"substr(destination, 1, length({Add(p)})) = {Add(p)}")) + ")");
        }
        foreach (var prefix in query.NotDestinationPrefixes)
        {
            And($"substr(destination, 1, length({Add(prefix)})) <> {Add(prefix)}");
        }
        Range("setup_time", query.SetupTimeStart is { } ss && ss != Cdr.ZeroTime ? CdrRows.Time(ss) : null,
            query.SetupTimeEnd is { } se && se != Cdr.ZeroTime ? CdrRows.Time(se) : null);
        Range("answer_time", query.AnswerTimeStart is { } a && a != Cdr.ZeroTime ? CdrRows.Time(a) : null,
            query.AnswerTimeEnd is { } ae && ae != Cdr.ZeroTime ? CdrRows.Time(ae) : null);
        Range("usage", query.MinUsage?.Nanoseconds, query.MaxUsage?.Nanoseconds);
        Range("order_id", query.OrderIdStart, query.OrderIdEnd);
    }

    /// <summary><c>WHERE ...</c>, or empty.</summary>
    public string Where => _where.Length == 0 ? "" : " WHERE " + _where;

    public void Bind(SqliteCommand command)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            command.Parameters.AddWithValue(Name(i), _values[i]);
        }
    }

    /// <summary>The values in bind order, for a <see cref="WriteBatch"/> statement (<c>$p0</c>...).</summary>
    public object?[] Values => [.. _values];

    private void In(string column, IReadOnlyList<string> allowed, IReadOnlyList<string> refused)
    {
        if (allowed.Count > 0)
        {
            And($"{column} IN ({string.Join(", ", allowed.Select(Add))})");
        }
        if (refused.Count > 0)
        {
            And($"{column} NOT IN ({string.Join(", ", refused.Select(Add))})");
        }
    }

    private void Range(string column, object? start, object? end)
    {
        if (start is not null)
        {
            And($"{column} >= {Add(start)}");
        }
        if (end is not null)
        {
            And($"{column} < {Add(end)}");
        }
    }

    private void And(string condition)
    {
        if (_where.Length > 0)
        {
            _where.Append(" AND ");
        }
        _where.Append(condition);
    }

    private string Add(object value)
    {
        _values.Add(value);
        return Name(_values.Count - 1);
    }

    private static string Name(int index) => "$p" + index.ToString(CultureInfo.InvariantCulture);
}
