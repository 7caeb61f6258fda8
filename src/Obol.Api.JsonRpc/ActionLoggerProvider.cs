using Microsoft.Extensions.Logging;

namespace Obol.Api.JsonRpc;

/// <summary>Sends ASP.NET Core's warnings and errors to the engine's log line by line; everything below is dropped.</summary>
internal sealed class ActionLoggerProvider(Action<string> log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(log, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(Action<string> log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var message = formatter(state, exception);
            log(exception is null ? $"HTTP {logLevel} {category}: {message}" : $"HTTP {logLevel} {category}: {message}: {exception}");
        }
    }
}
