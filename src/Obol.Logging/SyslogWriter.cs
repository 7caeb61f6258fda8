using System.Net.Sockets;

namespace Obol.Logging;

/// <summary>
/// Writes log lines to the local syslog daemon over its Unix datagram socket (<c>/dev/log</c> by default). A missing or
/// unreachable daemon never fails the caller: the line goes to the fallback writer (stderr) instead.
/// </summary>
public sealed class SyslogWriter : IDisposable
{
    public const string DefaultPath = "/dev/log";

    private readonly object _gate = new();
    private readonly string _path;
    private readonly SyslogFormat _format;
    private readonly string _appName;
    private readonly TextWriter _fallback;
    private readonly TimeProvider _time;
    private Socket? _socket;

    public SyslogWriter(string appName, SyslogFormat format = SyslogFormat.Rfc3164, string path = DefaultPath,
        TextWriter? fallback = null, TimeProvider? time = null)
    {
        _appName = appName;
        _format = format;
        _path = path;
        _fallback = fallback ?? Console.Error;
        _time = time ?? TimeProvider.System;
    }

    public void Write(SyslogSeverity severity, string message)
    {
        var datagram = SyslogMessage.Format(_format, severity, _appName, Environment.ProcessId, Environment.MachineName,
            _time.GetLocalNow(), message);
        lock (_gate)
        {
            try
            {
                _socket ??= Connect();
                _socket.Send(datagram);
            }
            catch (SocketException)
            {
                _socket?.Dispose();
                _socket = null;
                _fallback.WriteLine($"[{severity}] {message}");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(_path));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
