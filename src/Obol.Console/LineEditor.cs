using System.Text;
using SystemConsole = System.Console;

namespace Obol.Console;

/// <summary>
/// A small line editor on System.Console for terminals: cursor keys, Home/End, Backspace/Delete, Up/Down through the
/// history, Tab completion (a single match is taken, several are listed), Ctrl+D on an empty line ends input.
/// </summary>
internal sealed class LineEditor(LineHistory history, Func<string, IReadOnlyList<string>> complete)
{
    public string? ReadLine(string prompt)
    {
        SystemConsole.Write(prompt);
        var buffer = new StringBuilder();
        var cursor = 0;
        var recall = history.Lines.Count;
        while (true)
        {
            var key = SystemConsole.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    SystemConsole.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < buffer.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.UpArrow when recall > 0:
                    Replace(buffer, history.Lines[--recall], ref cursor);
                    break;
                case ConsoleKey.DownArrow when recall < history.Lines.Count:
                    recall++;
                    Replace(buffer, recall < history.Lines.Count ? history.Lines[recall] : "", ref cursor);
                    break;
                case ConsoleKey.Tab:
                    var options = complete(buffer.ToString());
                    if (options.Count == 1)
                    {
                        Replace(buffer, options[0], ref cursor);
                    }
                    else if (options.Count > 1)
                    {
                        SystemConsole.WriteLine();
                        SystemConsole.WriteLine(string.Join("  ", options));
                    }
                    break;
                case ConsoleKey.D when key.Modifiers == ConsoleModifiers.Control:
                    if (buffer.Length == 0)
                    {
                        return null;
                    }
                    break;
                case ConsoleKey.C when key.Modifiers == ConsoleModifiers.Control:
                    buffer.Clear();
                    cursor = 0;
                    SystemConsole.WriteLine("^C");
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        buffer.Insert(cursor++, key.KeyChar);
                    }
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text);
        cursor = buffer.Length;
    }

    private static void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        // Carriage return, rewrite, clear to end of line (ANSI), then put the cursor back.
        SystemConsole.Write("\r" + prompt + buffer + "\u001b[K");
        var back = buffer.Length - cursor;
        if (back > 0)
        {
            SystemConsole.Write($"\u001b[{back}D");
        }
    }
}
