using CsvHelper;

namespace Obol.TariffPlans;

/// <summary>
/// Reads a CGRateS tariff plan (the CSV files cgr-loader reads) into typed records. Bad data never throws: every
/// problem becomes a located <see cref="TariffPlanError"/>, the bad row is left out and the rest is read.
/// </summary>
public static class TariffPlanReader
{
    /// <summary>
    /// Reads the tariff-plan files of <paramref name="folder"/> and of all its sub-folders (as cgr-loader walks them:
    /// depth first, names in ordinal order, rows of the same file kind concatenated in that order). Missing files are
    /// skipped; other files are ignored.
    /// </summary>
    public static TariffPlanReadResult ReadFolder(string folder, TariffPlanReadOptions options)
    {
        CheckOptions(options);
        var assembler = new PlanAssembler(options);
        var root = new DirectoryInfo(folder);
        if (!root.Exists)
        {
            assembler.AddError(folder, "the tariff-plan folder does not exist");
            return assembler.Finish();
        }
        var folders = new List<DirectoryInfo>();
        Walk(root, folders, assembler.AddError);
        foreach (var kind in PlanFiles.LoadOrder)
        {
            foreach (var directory in folders)
            {
                var path = Path.Combine(directory.FullName, PlanFiles.FileName(kind));
                if (File.Exists(path))
                {
                    var relative = Path.GetRelativePath(root.FullName, path).Replace('\\', '/');
                    assembler.ReadFile(relative, kind, csvOptions => CsvReader.FromFile(path, csvOptions));
                }
            }
        }
        foreach (var directory in folders)
        {
            foreach (var name in PlanFiles.NotLoaded.Where(n => File.Exists(Path.Combine(directory.FullName, n))))
            {
                assembler.AddWarning(Path.GetRelativePath(root.FullName, Path.Combine(directory.FullName, name)).Replace('\\', '/'), NotLoadedWarning);
            }
        }
        return assembler.Finish();
    }

    /// <summary>
    /// Reads in-memory files. Each name is matched on its last segment (<c>Rates.csv</c>, <c>extra/Rates.csv</c>) and
    /// used as-is in locations; names that are not tariff-plan files are ignored. The readers are not disposed.
    /// </summary>
    public static TariffPlanReadResult ReadFiles(IEnumerable<(string Name, TextReader Reader)> files, TariffPlanReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        CheckOptions(options);
        var assembler = new PlanAssembler(options);
        foreach (var (name, reader) in files)
        {
            if (PlanFiles.TryGetKind(name, out var kind))
            {
                assembler.ReadFile(name, kind, csvOptions => CsvReader.Create(reader, csvOptions, leaveOpen: true));
            }
            else if (PlanFiles.IsNotLoaded(name))
            {
                assembler.AddWarning(name, NotLoadedWarning);
            }
        }
        return assembler.Finish();
    }

    /// <summary>
    /// The tariff-plan files of <paramref name="folder"/> and its sub-folders, in the order <see cref="ReadFolder"/>
    /// reads them, with their text: what a loader shows progress over and what storage keeps so a restart can rebuild
    /// the plan without the folder. Feed them to ReadFiles.
    /// </summary>
    public static (IReadOnlyList<TariffPlanFile> Files, IReadOnlyList<TariffPlanError> Errors) CollectFiles(string folder)
    {
        var errors = new List<TariffPlanError>();
        var files = new List<TariffPlanFile>();
        var root = new DirectoryInfo(folder);
        if (!root.Exists)
        {
            errors.Add(new TariffPlanError(folder, 0, "", "the tariff-plan folder does not exist"));
            return (files, errors);
        }
        var folders = new List<DirectoryInfo>();
        Walk(root, folders, (where, message) => errors.Add(new TariffPlanError(where, 0, "", message)));
        foreach (var name in PlanFiles.LoadOrder.Select(PlanFiles.FileName).Concat(PlanFiles.NotLoaded))
        {
            foreach (var directory in folders)
            {
                var path = Path.Combine(directory.FullName, name);
                if (!File.Exists(path))
                {
                    continue;
                }
                var relative = Path.GetRelativePath(root.FullName, path).Replace('\\', '/');
                try
                {
                    files.Add(new TariffPlanFile(relative, File.ReadAllText(path)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new TariffPlanError(relative, 0, "", $"cannot read the file: {e.Message}"));
                }
            }
        }
        return (files, errors);
    }

    /// <summary>ReadFiles over collected files.</summary>
    public static TariffPlanReadResult ReadFiles(IEnumerable<TariffPlanFile> files, TariffPlanReadOptions options) =>
        ReadFiles(files.Select(f => (f.Name, (TextReader)new StringReader(f.Text))), options);

    private const string NotLoadedWarning = "not loaded: Obol has no subsystem for this CGRateS file; its rows are ignored";

    private static void CheckOptions(TariffPlanReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeZone);
        var separator = options.FieldSeparator;
        // A NUL separator would also defeat the binary-file check.
        if (!char.IsAscii(separator) || separator is '"' or '#' or '\r' or '\n' or '\0' or FieldText.ListSeparator)
        {
            throw new ArgumentException(
                $"'{separator}' cannot separate fields: it must be ASCII and not a quote, '#', ';', NUL or a line break.", nameof(options));
        }
    }

    // filepath.Walk order: a folder, then each sub-folder (sorted by name) with all of its own before the next.
    private static void Walk(DirectoryInfo directory, List<DirectoryInfo> into, Action<string, string> addError)
    {
        into.Add(directory);
        DirectoryInfo[] children;
        try
        {
            children = directory.GetDirectories();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            addError(directory.FullName, $"cannot list the folder: {e.Message}");
            return;
        }
        Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var child in children)
        {
            // filepath.Walk does not follow symbolic links, which also keeps a link loop from recursing forever.
            if (child.LinkTarget is null)
            {
                Walk(child, into, addError);
            }
        }
    }
}
