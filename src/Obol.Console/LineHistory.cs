namespace Obol.Console;

/// <summary>Entered lines, oldest first, in liner's file format (one line each) so cgr-console's history carries over.</summary>
internal sealed class LineHistory
{
    // liner keeps at most 1000 entries.
    private const int Limit = 1000;

    public List<string> Lines { get; } = [];

    public static LineHistory Load(string path)
    {
        var history = new LineHistory();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                history.Add(line);
            }
        }
        return history;
    }

    public void Add(string line)
    {
        if (line.Length == 0 || (Lines.Count > 0 && Lines[^1] == line))
        {
            return;
        }
        Lines.Add(line);
        if (Lines.Count > Limit)
        {
            Lines.RemoveAt(0);
        }
    }

    public void Save(string path) => File.WriteAllLines(path, Lines);
}
