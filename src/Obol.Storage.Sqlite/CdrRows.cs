using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using Obol.Cdrs;
using Obol.Primitives;

namespace Obol.Storage.Sqlite;

/// <summary>A CDR as a <c>cdrs</c> row. Times are fixed-width UTC text (nine fraction digits), so text order is time
/// order from year 1 (Go's zero time, which nanoseconds since 1970 cannot hold in an int64) to 9999; the cost is the
/// decimal's exact text; extra fields are a JSON object; the EventCost is its JSON text.</summary>
internal static class CdrRows
{
    public const string Columns =
        "cgrid, run_id, origin_host, source, origin_id, tor, request_type, tenant, category, account, subject, destination, " +
        "setup_time, answer_time, usage, extra_fields, extra_info, partial, pre_rated, cost_source, cost, cost_details";

    public const string Select = "SELECT order_id, " + Columns + " FROM cdrs";

    private static readonly InstantPattern s_time = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");

    public static string Time(Instant instant) => s_time.Format(instant);

    /// <summary>The column values in <see cref="Columns"/> order.</summary>
    public static object?[] Values(Cdr cdr) =>
    [
        cdr.Cgrid, cdr.RunId, cdr.OriginHost, cdr.Source, cdr.OriginId, cdr.ToR, cdr.RequestType, cdr.Tenant,
        cdr.Category, cdr.Account, cdr.Subject, cdr.Destination, Time(cdr.SetupTime), Time(cdr.AnswerTime),
        cdr.Usage.Nanoseconds, ExtraFieldsJson(cdr.ExtraFields), cdr.ExtraInfo, cdr.Partial ? 1 : 0, cdr.PreRated ? 1 : 0,
        cdr.CostSource, cdr.Cost.ToString(CultureInfo.InvariantCulture), cdr.CostDetails,
    ];

    /// <summary>Reads a row of <see cref="Select"/>.</summary>
    /// <exception cref="InvalidDataException">A column does not hold what this code wrote.</exception>
    public static Cdr Read(SqliteDataReader row)
    {
        var cdr = new Cdr
        {
            OrderId = row.GetInt64(0),
            Cgrid = row.GetString(1),
            RunId = row.GetString(2),
            OriginHost = row.GetString(3),
            Source = row.GetString(4),
            OriginId = row.GetString(5),
            ToR = row.GetString(6),
            RequestType = row.GetString(7),
            Tenant = row.GetString(8),
            Category = row.GetString(9),
            Account = row.GetString(10),
            Subject = row.GetString(11),
            Destination = row.GetString(12),
            SetupTime = ParseTime(row.GetString(13)),
            AnswerTime = ParseTime(row.GetString(14)),
            Usage = new Usage(row.GetInt64(15)),
            ExtraInfo = row.GetString(17),
            Partial = row.GetInt64(18) != 0,
            PreRated = row.GetInt64(19) != 0,
            CostSource = row.GetString(20),
            Cost = decimal.Parse(row.GetString(21), NumberStyles.Float, CultureInfo.InvariantCulture),
            CostDetails = row.IsDBNull(22) ? null : row.GetString(22),
        };
        using var extra = JsonDocument.Parse(row.GetString(16));
        foreach (var field in extra.RootElement.EnumerateObject())
        {
            cdr.ExtraFields[field.Name] = field.Value.GetString() ?? "";
        }
        return cdr;
    }

    private static Instant ParseTime(string text)
    {
        var parsed = s_time.Parse(text);
        return parsed.Success ? parsed.Value : throw new InvalidDataException($"cdrs: unreadable time \"{text}\"");
    }

    private static string ExtraFieldsJson(Dictionary<string, string> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
