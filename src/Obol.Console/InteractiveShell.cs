namespace Obol.Console;

/// <summary>
/// The <c>cgr&gt; </c> prompt. On a terminal it edits lines with history (kept in <c>$HOME/.cgr_history</c>, shared
/// with cgr-console) and Tab completion; otherwise it reads plain lines, so commands can be piped in.
/// </summary>
internal sealed class InteractiveShell(CommandExecutor executor, TextReader stdin, TextWriter stdout, TextWriter stderr)
{
    private const string Prompt = "cgr> ";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await stdout.WriteAsync("Welcome to CGRateS console!\nType `help` for a list of commands\n\n");
        var terminal = ReferenceEquals(stdin, System.Console.In) && !System.Console.IsInputRedirected && !System.Console.IsOutputRedirected;
        var history = terminal ? LineHistory.Load(HistoryPath()) : new LineHistory();
        var editor = terminal ? new LineEditor(history, Complete) : null;
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line;
            if (editor is not null)
            {
                line = editor.ReadLine(Prompt);
            }
            else
            {
                await stdout.WriteAsync(Prompt);
                await stdout.FlushAsync(cancellationToken);
                line = await stdin.ReadLineAsync(cancellationToken);
            }
            if (line is null)
            {
                await stdout.WriteLineAsync("\nbye!");
                break;
            }
            history.Add(line);
            if (line.Trim().ToLowerInvariant() is "quit" or "exit" or "bye" or "close")
            {
                await stdout.WriteLineAsync("\nbye!");
                break;
            }
            await executor.ExecuteAsync(line, cancellationToken);
        }
        if (terminal)
        {
            try
            {
                history.Save(HistoryPath());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync("Error writing history file: " + ex.Message);
            }
        }
    }

    private static string HistoryPath() => Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? ".", ".cgr_history");

    /// <summary>Completions as cgr-console's: command names by prefix, then argument names for the last word.</summary>
    internal static IReadOnlyList<string> Complete(string line)
    {
        var completions = new List<string>();
        foreach (var name in CommandRegistry.SortedNames)
        {
            if (name.StartsWith(line.ToLowerInvariant(), StringComparison.Ordinal))
            {
                completions.Add(name);
            }
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var lastSpace = line.LastIndexOf(' ') + 1;
                completions.AddRange(CommandRegistry.Commands[name].ClientArgs
                    .Where(arg => arg.StartsWith(line[lastSpace..], StringComparison.Ordinal))
                    .Select(arg => line[..lastSpace] + arg));
            }
        }
        return completions;
    }
}
