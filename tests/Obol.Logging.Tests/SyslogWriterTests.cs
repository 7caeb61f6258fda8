using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Obol.Logging.Tests;

public class SyslogWriterTests
{
    [Fact]
    public void Format_Rfc3164_HasPriorityTimestampAndTag()
    {
        var text = Encoding.UTF8.GetString(SyslogMessage.Format(SyslogFormat.Rfc3164, SyslogSeverity.Warning, "obol-engine", 42, "host",
            new DateTimeOffset(2026, 11, 5, 9, 3, 7, TimeSpan.Zero), "account disabled"));
        // daemon (3) × 8 + warning (4) = 28; the day is space-padded.
        Assert.Equal("<28>Nov  5 09:03:07 obol-engine[42]: account disabled", text);
    }

    [Fact]
    public void Format_Rfc5424_HasVersionUtcTimestampAndNilFields()
    {
        var text = Encoding.UTF8.GetString(SyslogMessage.Format(SyslogFormat.Rfc5424, SyslogSeverity.Informational, "obol-engine", 42, "my host",
            new DateTimeOffset(2026, 11, 5, 10, 3, 7, TimeSpan.FromHours(1)), "hello"));
        Assert.Equal("<30>1 2026-11-05T09:03:07.000000Z my_host obol-engine 42 - - hello", text);
    }

    [Fact]
    public void Write_RealUnixDatagramSocket_DeliversOneDatagram()
    {
        var path = Path.Combine(Path.GetTempPath(), $"obol-syslog-{Guid.NewGuid():N}.sock");
        using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var writer = new SyslogWriter("obol-engine", SyslogFormat.Rfc3164, path);
            writer.Write(SyslogSeverity.Warning, "{\"ID\":\"cgrates.org:1003\"}");
            var buffer = new byte[4096];
            server.ReceiveTimeout = 5000;
            var n = server.Receive(buffer);
            var text = Encoding.UTF8.GetString(buffer, 0, n);
            Assert.StartsWith("<28>", text, StringComparison.Ordinal);
            Assert.EndsWith("obol-engine[" + Environment.ProcessId + "]: {\"ID\":\"cgrates.org:1003\"}", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_NoDaemon_FallsBackWithoutThrowing()
    {
        var fallback = new StringWriter();
        using var writer = new SyslogWriter("obol-engine", SyslogFormat.Rfc3164, "/nonexistent/obol.sock", fallback);
        writer.Write(SyslogSeverity.Error, "lost");
        Assert.Equal("[Error] lost" + Environment.NewLine, fallback.ToString());
    }
}
