namespace Obol.Config;

/// <summary>
/// Where the embedded store persists. The defaults put it under /var/lib/obol, the place for a service; a user
/// without rights there (a developer running the engine from a checkout) gets the same layout under the XDG data
/// folder instead. A path set in a configuration file is always used as it is.
/// </summary>
public static class StoreDirectory
{
    /// <summary>The built-in prefix of <c>internalDBDumpPath</c> and <c>internalDBBackupPath</c>.</summary>
    public const string SystemRoot = "/var/lib/obol";

    /// <summary>
    /// <paramref name="configured"/> when it is outside <see cref="SystemRoot"/> or can be created there; otherwise
    /// the same relative path under <c>$XDG_DATA_HOME/obol</c> (or <c>~/.local/share/obol</c>). Creates the folder.
    /// </summary>
    public static string Resolve(string configured)
    {
        if (!configured.StartsWith(SystemRoot + "/", StringComparison.Ordinal) || TryCreate(configured))
        {
            return configured;
        }
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        var fallback = Path.Combine(dataHome, "obol", configured[(SystemRoot.Length + 1)..]);
        TryCreate(fallback);
        return fallback;
    }

    private static bool TryCreate(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
