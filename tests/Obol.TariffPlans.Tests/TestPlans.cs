using Xunit;
using NodaTime;

namespace Obol.TariffPlans.Tests;

/// <summary>Reads the fixture plans copied to the output folder, and in-memory plans.</summary>
internal static class TestPlans
{
    public static readonly TariffPlanReadOptions Options = new(DateTimeZone.Utc, Instant.FromUtc(2024, 5, 1, 12, 0));

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", name);

    public static TariffPlanReadResult ReadReference(string name) => TariffPlanReader.ReadFolder(Folder(name), Options);

    /// <summary>Reads in-memory files given as (file name, text) pairs.</summary>
    public static TariffPlanReadResult ReadTexts(params (string Name, string Text)[] files) =>
        TariffPlanReader.ReadFiles(files.Select(f => (f.Name, (TextReader)new StringReader(f.Text))), Options);

    public static string Describe(IEnumerable<TariffPlanError> errors) => string.Join(Environment.NewLine, errors);

    public static TariffPlanError SingleError(TariffPlanReadResult result)
    {
        var errors = result.Errors.Where(e => !e.IsWarning).ToList();
        Assert.True(errors.Count == 1, $"expected one error, got:{Environment.NewLine}{Describe(result.Errors)}");
        return errors[0];
    }
}

/// <summary>A throw-away copy of a fixture plan, deleted at the end of the test.</summary>
internal sealed class TempPlanCopy : IDisposable
{
    public TempPlanCopy(string reference)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "obol-tp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (reference.Length != 0)
        {
            foreach (var file in Directory.GetFiles(TestPlans.Folder(reference)))
            {
                System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void ReplaceLine(string name, int line, string text)
    {
        var lines = System.IO.File.ReadAllLines(File(name)).ToList();
        lines[line - 1] = text;
        System.IO.File.WriteAllText(File(name), string.Join('\n', lines) + "\n");
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
