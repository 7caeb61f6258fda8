using System.Globalization;
using System.Text;

namespace Obol.Logging;

/// <summary>The two syslog wire formats: RFC 3164 (BSD, what /dev/log readers expect by default) and RFC 5424.</summary>
public enum SyslogFormat
{
    Rfc3164,
    Rfc5424,
}

/// <summary>Syslog severities (RFC 5424 §6.2.1).</summary>
public enum SyslogSeverity
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

/// <summary>Builds syslog datagrams under the daemon facility, tagged with the program name.</summary>
public static class SyslogMessage
{
    /// <summary>The daemon facility (3): PRI = facility × 8 + severity.</summary>
    public const int DaemonFacility = 3;

    public static byte[] Format(SyslogFormat format, SyslogSeverity severity, string appName, int processId, string hostName,
        DateTimeOffset timestamp, string message, int facility = DaemonFacility)
    {
        var pri = (facility * 8) + (int)severity;
        var text = format switch
        {
            // <PRI>Mmm dd hh:mm:ss TAG[PID]: MSG — the day is space-padded (RFC 3164 §4.1.2).
            SyslogFormat.Rfc3164 => string.Create(CultureInfo.InvariantCulture,
                $"<{pri}>{timestamp.ToString("MMM", CultureInfo.InvariantCulture)} {timestamp.Day,2} {timestamp:HH:mm:ss} {appName}[{processId}]: {message}"),
            // <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG
            _ => string.Create(CultureInfo.InvariantCulture,
                $"<{pri}>1 {timestamp.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {Nil(hostName)} {Nil(appName)} {processId} - - {message}"),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private static string Nil(string value) => string.IsNullOrEmpty(value) ? "-" : value.Replace(' ', '_');
}
