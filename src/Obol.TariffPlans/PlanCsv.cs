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
    /// <summary>How cgr-loader's encoding/csv reader reads: <c>#</c> comments, empty lines skipped, RFC 4180 quoting
    /// without lazy quotes; each reader adds its own separator and bookkeeping.</summary>
    internal static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
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
        using var reader = CsvReader.Create(new StringReader(text), ReaderOptions);
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

    /// <summary>
    /// The ID a row belongs to, as StorDB keys its table: the first column, or tenant:category:subject (rating
    /// profiles), tenant:account (account actions), tenant:id (the profile files).
    /// </summary>
    public static string IdOf(string fileName, string[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!PlanFiles.TryGetKind(fileName, out var kind))
        {
            throw new ArgumentException($"{fileName} is not a tariff-plan file", nameof(fileName));
        }
        return kind switch
        {
            PlanFileKind.RatingProfiles => row[0] + ":" + row[1] + ":" + row[2],
            PlanFileKind.AccountActions or PlanFileKind.Filters or PlanFileKind.Resources or PlanFileKind.Stats or PlanFileKind.Thresholds
                or PlanFileKind.Routes or PlanFileKind.Attributes or PlanFileKind.Chargers or PlanFileKind.DispatcherProfiles
                or PlanFileKind.DispatcherHosts or PlanFileKind.Trends or PlanFileKind.Rankings
                or PlanFileKind.Ips => row[0] + ":" + row[1],
            _ => row[0],
        };
    }

    /// <summary>The rows of <paramref name="fileName"/> among <paramref name="files"/>; empty when it is not there.</summary>
    public static List<string[]> RowsOf(IReadOnlyList<TariffPlanFile> files, string fileName)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.FirstOrDefault(f => f.Name == fileName) is { } file ? ReadRows(fileName, file.Text) : [];
    }

    /// <summary>The IDs (<see cref="IdOf"/>) the rows of <paramref name="fileName"/> among <paramref name="files"/> name.</summary>
    public static HashSet<string> IdsOf(IReadOnlyList<TariffPlanFile> files, string fileName) =>
        RowsOf(files, fileName).Select(r => IdOf(fileName, r)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="over"/>'s rows over <paramref name="inForce"/>'s: in each file, the rows of an ID <paramref name="over"/>
    /// names replace every row of that ID; other rows stay, in their order. Files that are no tariff-plan file are
    /// <paramref name="inForce"/>'s.
    /// </summary>
    public static IReadOnlyList<TariffPlanFile> Merge(IReadOnlyList<TariffPlanFile> inForce, IReadOnlyList<TariffPlanFile> over) =>
        Merge(inForce, over, keepLines: false);

    /// <summary>As <see cref="Merge(IReadOnlyList{TariffPlanFile}, IReadOnlyList{TariffPlanFile})"/>, but each file of
    /// <paramref name="over"/> keeps its text as it was read, the rows kept in force written after it: an error in one of
    /// its rows then names the line the user sees in the file.</summary>
    public static IReadOnlyList<TariffPlanFile> MergeKeepingLines(IReadOnlyList<TariffPlanFile> inForce, IReadOnlyList<TariffPlanFile> over) =>
        Merge(inForce, over, keepLines: true);

    /// <summary>
    /// <paramref name="inForce"/> without the rows of every ID <paramref name="removed"/> names, file by file
    /// (APIerSv1.RemoveTPFromFolder: CGRateS's TpReader removes from DataDB each item the folder defines).
    /// </summary>
    public static IReadOnlyList<TariffPlanFile> Without(IReadOnlyList<TariffPlanFile> inForce, IReadOnlyList<TariffPlanFile> removed)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        ArgumentNullException.ThrowIfNull(removed);
        TariffPlanFile Remaining(TariffPlanFile file)
        {
            if (Columns(file.Name) is null || !removed.Any(r => r.Name == file.Name))
            {
                return file;
            }
            var named = IdsOf(removed, file.Name);
            return new TariffPlanFile(file.Name, Write(file.Name, ReadRows(file.Name, file.Text).Where(row => !named.Contains(IdOf(file.Name, row)))));
        }
        return [.. inForce.Select(Remaining).OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static IReadOnlyList<TariffPlanFile> Merge(IReadOnlyList<TariffPlanFile> inForce, IReadOnlyList<TariffPlanFile> over, bool keepLines)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        ArgumentNullException.ThrowIfNull(over);
        var merged = inForce.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var file in over.Where(f => Columns(f.Name) is not null))
        {
            var rows = ReadRows(file.Name, file.Text);
            if (!merged.TryGetValue(file.Name, out var current))
            {
                merged[file.Name] = keepLines ? file : new TariffPlanFile(file.Name, Write(file.Name, rows));
                continue;
            }
            var replaced = rows.Select(r => IdOf(file.Name, r)).ToHashSet(StringComparer.Ordinal);
            var kept = ReadRows(file.Name, current.Text).Where(r => !replaced.Contains(IdOf(file.Name, r)));
            merged[file.Name] = new TariffPlanFile(file.Name, keepLines
                // Write's header line starts with '#', a comment between the two parts.
                ? file.Text + (file.Text.EndsWith('\n') || file.Text.Length == 0 ? "" : "\n") + Write(file.Name, kept)
                : Write(file.Name, kept.Concat(rows)));
        }
        return [.. merged.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }
}
