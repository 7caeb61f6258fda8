using Microsoft.Data.Sqlite;

namespace Obol.Storage.Sqlite.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "obol-sqlite-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, SqliteStore.FileName);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
