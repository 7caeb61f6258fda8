using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Obol.TariffPlans;

/// <summary>
/// Reads one CSV file the way cgr-loader's encoding/csv reader does (engine/storage_csv.go): <c>#</c> lines are
/// comments (the header is one), empty lines are skipped, RFC 4180 quoting without lazy quotes, and every record
/// must have exactly the file's column count. Where Go stops the whole load at the first bad record, this reports
/// it, skips it and reads on.
/// </summary>
internal sealed class PlanFileReader(ErrorCollector errors, PlanRow row, char separator)
{
    private readonly CsvReaderOptions _baseOptions = PlanCsv.ReaderOptions with
    {
        Separator = separator,
        TrackLineNumbers = true,
        // Tariff plans repeat IDs on many rows (a destination per prefix, a rate per slot) and every string is kept.
        PoolStrings = true,
    };

    public void Read(string file, PlanFileKind kind, Func<CsvReaderOptions, CsvReader> open, Action<PlanRow> handle)
    {
        errors.NoteFile(file);
        var columns = PlanFiles.Columns(kind);
        var options = _baseOptions with { OnMalformedRecord = record => ReportMalformed(file, columns, record) };
        try
        {
            using var reader = open(options);
            while (reader.Read())
            {
                var line = (int)reader.LineNumber;
                var raw = reader.RawRecord;
                if (raw.Contains((byte)0))
                {
                    errors.Add(file, line, "", "binary data (NUL byte), not a CSV file; the rest of the file is not read");
                    return;
                }
                if (!Utf8.IsValid(raw))
                {
                    errors.Add(file, line, "", "invalid UTF-8 text");
                    continue;
                }
                if (reader.FieldCount != columns.Length)
                {
                    errors.Add(file, line, "", $"wrong number of fields: expected {columns.Length}, got {reader.FieldCount}");
                    continue;
                }
                row.MoveTo(reader, columns, new SourceLocation(file, line));
                handle(row);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException or DecoderFallbackException)
        {
            errors.Add(file, 0, "", $"cannot read the file: {e.Message}");
        }
    }

    private void ReportMalformed(string file, string[] columns, CsvMalformedRecord record)
    {
        var message = record.Reason switch
        {
            CsvMalformedReason.StrayQuote => "bare \" in a non-quoted field",
            CsvMalformedReason.TextAfterClosingQuote => "extraneous text after the closing \" of a quoted field",
            CsvMalformedReason.UnterminatedQuote => "quoted field is never closed (it runs to the end of the file, which is not read)",
            _ => $"malformed record ({record.Reason})",
        };
        var field = QuoteProblemField(record.RawRecord, separator);
        var column = field >= 0 && field < columns.Length ? columns[field] : "";
        errors.Add(file, (int)record.LineNumber, column, message);
    }

    /// <summary>The 0-based field of the first quoting problem in <paramref name="raw"/> (RFC 4180), or -1.</summary>
    private static int QuoteProblemField(string raw, char separator)
    {
        var field = 0;
        var fieldStart = true;
        var inQuotes = false;
        var afterClosingQuote = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    continue;
                }
                if (i + 1 < raw.Length && raw[i + 1] == '"')
                {
                    i++;
                    continue;
                }
                inQuotes = false;
                afterClosingQuote = true;
                continue;
            }
            if (c == separator)
            {
                field++;
                fieldStart = true;
                afterClosingQuote = false;
                continue;
            }
            if (afterClosingQuote || (c == '"' && !fieldStart))
            {
                return field;
            }
            inQuotes = c == '"';
            fieldStart = false;
        }
        return inQuotes ? field : -1;
    }
}
