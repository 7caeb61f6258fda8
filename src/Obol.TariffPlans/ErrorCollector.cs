namespace Obol.TariffPlans;

/// <summary>
/// Collects errors and warnings. A file that is broken on every line would otherwise produce one error per line
/// (millions for a generated plan), so each file reports at most <see cref="MaxErrorsPerFile"/> of them.
/// </summary>
internal sealed class ErrorCollector
{
    internal const int MaxErrorsPerFile = 1000;

    private readonly List<TariffPlanError> _errors = [];
    private readonly Dictionary<string, int> _countByFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fileOrder = new(StringComparer.Ordinal);

    public void Add(string file, int line, string column, string message, bool isWarning = false)
    {
        if (!_fileOrder.ContainsKey(file))
        {
            _fileOrder[file] = _fileOrder.Count;
        }
        _countByFile.TryGetValue(file, out var count);
        _countByFile[file] = count + 1;
        if (count < MaxErrorsPerFile)
        {
            _errors.Add(new TariffPlanError(file, line, column, message, isWarning));
        }
        else if (count == MaxErrorsPerFile)
        {
            var cut = $"more than {MaxErrorsPerFile} errors; the rest of this file's errors are not reported";
            _errors.Add(new TariffPlanError(file, line, "", cut));
        }
    }

    /// <summary>Registers a file that was read, so errors come out in reading order whatever order they were found in.</summary>
    public void NoteFile(string file) => _fileOrder.TryAdd(file, _fileOrder.Count);

    /// <summary>The errors ordered by file (in reading order) then line; errors of one line keep their order.</summary>
    public IReadOnlyList<TariffPlanError> ToOrderedList() =>
        [.. _errors.OrderBy(e => _fileOrder[e.File]).ThenBy(e => e.Line)];
}
