using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Obol.Accounting.Scheduling;

/// <summary>
/// Next runs in one JSON file, <c>{"nextRuns":{"uuid":"2024-05-01T08:00:00Z",...}}</c>, rewritten whole on every
/// change through a temporary file and a rename, so a crash leaves either the old or the new file, never half of
/// one. Consumed one-shots are written as <c>*consumed</c>. One process owns the file.
/// </summary>
public sealed class FileScheduleStore : IScheduleStore, IDisposable
{
    private const string ConsumedText = "*consumed";
    private const string NextRunsProperty = "nextRuns";

    private static readonly InstantPattern s_instant = InstantPattern.ExtendedIso;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SortedDictionary<string, Instant>? _entries;

    public FileScheduleStore(string path)
    {
        FilePath = Path.GetFullPath(path);
    }

    public string FilePath { get; }

    public async ValueTask<IReadOnlyDictionary<string, Instant>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entries = await EntriesAsync(cancellationToken);
            return new Dictionary<string, Instant>(entries, StringComparer.Ordinal);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask SaveAsync(IReadOnlyDictionary<string, Instant> entries, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = await EntriesAsync(cancellationToken);
            var changed = false;
            foreach (var (key, nextRun) in entries)
            {
                changed |= !current.TryGetValue(key, out var old) || old != nextRun;
                current[key] = nextRun;
            }
            if (changed)
            {
                await WriteAsync(current);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = await EntriesAsync(cancellationToken);
            var changed = false;
            foreach (var key in keys)
            {
                changed |= current.Remove(key);
            }
            if (changed)
            {
                await WriteAsync(current);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async ValueTask<SortedDictionary<string, Instant>> EntriesAsync(CancellationToken cancellationToken)
    {
        if (_entries is not null)
        {
            return _entries;
        }
        var entries = new SortedDictionary<string, Instant>(StringComparer.Ordinal);
        if (File.Exists(FilePath))
        {
            var bytes = await File.ReadAllBytesAsync(FilePath, cancellationToken);
            Parse(bytes, entries);
        }
        return _entries = entries;
    }

    private void Parse(byte[] bytes, SortedDictionary<string, Instant> entries)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (!document.RootElement.TryGetProperty(NextRunsProperty, out var nextRuns))
            {
                return;
            }
            foreach (var entry in nextRuns.EnumerateObject())
            {
                var text = entry.Value.GetString() ?? "";
                entries[entry.Name] = text == ConsumedText ? ScheduleStore.Consumed : s_instant.Parse(text).Value;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or UnparsableValueException)
        {
            throw new InvalidDataException($"{FilePath}: not a schedule file: {e.Message}", e);
        }
    }

    /// <summary>Not cancellable once started: the caller's change is already applied in memory.</summary>
    private async Task WriteAsync(SortedDictionary<string, Instant> entries)
    {
        try
        {
            await WriteFileAsync(entries);
        }
        catch
        {
            // Memory now differs from the file; read the file again next time rather than trust either.
            _entries = null;
            throw;
        }
    }

    private async Task WriteFileAsync(SortedDictionary<string, Instant> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartObject(NextRunsProperty);
                foreach (var (key, nextRun) in entries)
                {
                    writer.WriteString(key, nextRun == ScheduleStore.Consumed ? ConsumedText : s_instant.Format(nextRun));
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            // The rename must not land before the bytes do, or a power cut could leave an empty file behind.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }
}
