using System.Text;
using CsvHelper;

namespace Obol.TariffPlans;

/// <summary>
/// A tariff-plan file as rows of text, for StorDB's row APIs (APIerSv1.SetTPDestination, GetTPRate...), which edit
/// an imported plan one profile at a time: read what the file holds, change the rows of one ID, write it back in the
/// layout cgr-loader reads (a <c>#</c> header naming the columns, RFC 4180 quoting).
/// </summary>
public static class PlanCsv
{
    private static readonly CsvReaderOptions s_options = CsvReaderOptions.Default with
    {
        HasHeader = false,
        CommentPrefix = '#',
        SkipEmptyLines = true,
        TrimWhitespace = false,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    /// <summary>The file's columns in order (engine/models.go); null for a name that is no tariff-plan file.</summary>
    public static IReadOnlyList<string>? Columns(string fileName) =>
        PlanFiles.TryGetKind(fileName, out var kind) ? PlanFiles.Columns(kind) : null;

    /// <summary>Every record of <paramref name="text"/>, comments and empty lines left out; a record with another
    /// field count than the file's is left out too (the plan was checked when it was stored).</summary>
    public static List<string[]> ReadRows(string fileName, string text)
    {
        var width = Columns(fileName)?.Count ?? throw new ArgumentException($"{fileName} is not a tariff-plan file", nameof(fileName));
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new StringReader(text), s_options);
        while (reader.Read())
        {
            if (reader.FieldCount != width)
            {
                continue;
            }
            var row = new string[width];
            for (var i = 0; i < width; i++)
            {
                row[i] = reader.GetString(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The file's text: its header, then one line per row, fields apart by <paramref name="separator"/>.</summary>
    public static string Write(string fileName, IEnumerable<string[]> rows, char separator = ',')
    {
        var columns = Columns(fileName) ?? throw new ArgumentException($"{fileName} is not a tariff-plan file", nameof(fileName));
        var text = new StringBuilder().Append('#').AppendJoin(separator, columns).Append('\n');
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(separator);
                }
                AppendField(text, row[i], separator);
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void AppendField(StringBuilder text, string field, char separator)
    {
        if (field.AsSpan().IndexOfAny(separator, '"', '\n') < 0 && !field.Contains('\r', StringComparison.Ordinal) && !field.StartsWith('#'))
        {
            text.Append(field);
            return;
        }
        text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
