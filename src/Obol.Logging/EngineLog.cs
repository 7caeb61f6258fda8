namespace Obol.Logging;

/// <summary>
/// The engine's log, as cgr-engine's <c>-logger</c> flag chooses it: <c>*stdout</c> or <c>*syslog</c>. Lines below the
/// configured level (<c>general.log_level</c>, syslog numbering: 0 emergency … 7 debug; CGRateS's default is 6) are dropped.
/// </summary>
public abstract class EngineLog
{
    protected EngineLog(SyslogSeverity level) => Level = level;

    public SyslogSeverity Level { get; }

    public void Write(SyslogSeverity severity, string message)
    {
        if (severity <= Level)
        {
            WriteLine(severity, message);
        }
    }

    public void Info(string message) => Write(SyslogSeverity.Informational, message);

    public void Warning(string message) => Write(SyslogSeverity.Warning, message);

    public void Error(string message) => Write(SyslogSeverity.Error, message);

    protected abstract void WriteLine(SyslogSeverity severity, string message);

    /// <summary>cgr-engine's <c>-logger</c> values: <c>*syslog</c> (its default) or <c>*stdout</c>.</summary>
    public static EngineLog Create(string logger, SyslogSeverity level, string appName = "obol-engine") => logger switch
    {
        "*stdout" => new TextEngineLog(Console.Out, level),
        _ => new SyslogEngineLog(new SyslogWriter(appName), level),
    };
}

/// <summary>Lines on a text writer, with a UTC timestamp and the severity, one per line.</summary>
public sealed class TextEngineLog(TextWriter writer, SyslogSeverity level, TimeProvider? time = null) : EngineLog(level)
{
    private readonly object _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    protected override void WriteLine(SyslogSeverity severity, string message)
    {
        var line = $"{_time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'} [{Label(severity)}] {message}";
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string Label(SyslogSeverity severity) => severity switch
    {
        SyslogSeverity.Emergency => "EMERGENCY",
        SyslogSeverity.Alert => "ALERT",
        SyslogSeverity.Critical => "CRITICAL",
        SyslogSeverity.Error => "ERROR",
        SyslogSeverity.Warning => "WARNING",
        SyslogSeverity.Notice => "NOTICE",
        SyslogSeverity.Informational => "INFO",
        _ => "DEBUG",
    };
}

/// <summary>Lines to the local syslog daemon.</summary>
public sealed class SyslogEngineLog(SyslogWriter writer, SyslogSeverity level) : EngineLog(level)
{
    protected override void WriteLine(SyslogSeverity severity, string message) => writer.Write(severity, message);
}
