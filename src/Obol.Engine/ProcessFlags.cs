using System.Diagnostics;
using System.Globalization;
using Obol.Logging;

namespace Obol.Engine;

/// <summary>cgr-engine's flags that act on the process rather than on a service: <c>-pid</c>, <c>-singlecpu</c>, and
/// the ones taken but not acted on, which are named in the log so an operator knows.</summary>
internal static class ProcessFlags
{
    /// <summary>False, with the reason on <paramref name="stderr"/>, when the engine must not start.</summary>
    public static async Task<bool> ApplyAsync(EngineFlags flags, EngineLog log, TextWriter stderr)
    {
        if (flags.PidFile is { } pidFile)
        {
            try
            {
                // As CGRateS writes it: the number alone, no newline.
                await File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"Could not write pid file: {e.Message}").ConfigureAwait(false);
                return false;
            }
        }
        if (flags.SingleCpu && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            using var process = Process.GetCurrentProcess();
            process.ProcessorAffinity = 1;
        }
        foreach (var name in flags.Ignored)
        {
            log.Warning($"<Engine> flag -{name} is accepted for compatibility and does nothing here");
        }
        return true;
    }
}
