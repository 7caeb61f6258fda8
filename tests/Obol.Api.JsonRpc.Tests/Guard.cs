namespace Obol.Api.JsonRpc.Tests;

internal static class Guard
{
    /// <summary>How long a test awaits a signal before failing instead of hanging; never a delay that tests wait out.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
}
