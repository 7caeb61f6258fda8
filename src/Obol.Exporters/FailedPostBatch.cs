using System.Text.Json;
using Obol.GoJson;

namespace Obol.Exporters;

/// <summary>
/// ees.ExportEvents: exports that failed after all attempts, kept in <c>failed_posts_dir</c> with what is needed to
/// send them again. CGRateS writes these as Go gob (<c>EEs|&lt;7 hex&gt;.gob</c>); Obol writes JSON (<c>.json</c>),
/// so the files are not interchangeable with a Go engine's.
/// </summary>
public sealed record FailedPostBatch
{
    public const string FilePrefix = "EEs|";
    public const string FileSuffix = ".json";

    public string Path { get; init; } = "";

    public string Type { get; init; } = "";

    public int Attempts { get; init; }

    public bool Synchronous { get; init; }

    public IReadOnlyDictionary<string, JsonElement> Opts { get; init; } = new Dictionary<string, JsonElement>();

    public IReadOnlyList<ExportPayload> Events { get; init; } = [];

    /// <summary>Writes the batch to a new file in <paramref name="directory"/> and returns its path.</summary>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var prefix = EventExporter.UniquePrefix();
        var file = System.IO.Path.Combine(directory, FilePrefix + prefix + FileSuffix);
        await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
        await JsonSerializer.SerializeAsync(stream, this, GoJsonOptions.Default, cancellationToken);
        return file;
    }

    /// <summary>NewExportEventsFromFile: reads the batch and removes the file (a replay that fails again writes a new one).</summary>
    public static async Task<FailedPostBatch> ReadAndRemoveAsync(string file, CancellationToken cancellationToken)
    {
        FailedPostBatch? batch;
        await using (var stream = File.OpenRead(file))
        {
            batch = await JsonSerializer.DeserializeAsync<FailedPostBatch>(stream, GoJsonOptions.Default, cancellationToken);
        }
        File.Delete(file);
        return batch ?? throw new ExportException($"empty failed posts file <{file}>");
    }
}
