using Microsoft.Extensions.Hosting;

namespace Obol.Api.JsonRpc;

/// <summary>
/// Replaces the generic host's ConsoleLifetime: the HTTP listener is one service of the engine, which owns Ctrl+C and
/// SIGTERM and stops it with the others.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
