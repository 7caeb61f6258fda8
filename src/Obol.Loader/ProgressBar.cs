namespace Obol.Loader;

/// <summary>A one-line progress bar redrawn in place on a terminal; on a pipe or file it prints nothing, so logs stay clean.</summary>
internal sealed class ProgressBar(TextWriter output, int total, bool interactive)
{
    private const int Width = 30;
    private int _done;

    public void Advance(string item)
    {
        _done++;
        if (!interactive || total == 0)
        {
            return;
        }
        var filled = _done * Width / total;
        output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total} {item,-40}");
        if (_done == total)
        {
            output.Write('\r' + new string(' ', Width + 50) + '\r');
        }
        output.Flush();
    }
}
