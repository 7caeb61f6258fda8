using System.Net.Sockets;
using System.Text;
using Obol.Accounting;
using Obol.Accounting.Scheduling;
using Obol.Logging;
using Xunit;

namespace Obol.Rals.Tests;

/// <summary>The tutorial's fraud detection with the engine logging to syslog: the <c>*log</c> actions reach a real
/// syslog socket as <c>LOG Account: {json}</c> lines (the seed's <c>tail -f /var/log/syslog</c>).</summary>
public class FraudSyslogTests
{
    [Fact]
    public async Task SetBalanceAsync_Over100WithSyslogLogger_WritesTwoAccountLinesToSyslog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"obol-devlog-{Guid.NewGuid():N}.sock");
        using var syslog = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        syslog.Bind(new UnixDomainSocketEndPoint(path));
        syslog.ReceiveTimeout = 5000;
        try
        {
            using var writer = new SyslogWriter("obol-engine", SyslogFormat.Rfc3164, path);
            var effects = new LoggingActionEffects(new SyslogEngineLog(writer, SyslogSeverity.Informational));
            await using var rals = new RalsService(new RalsOptions(), new InMemoryAccountStore(), new InProcessAccountLocks(),
                new InMemoryScheduleStore(), effects);
            Assert.True((await rals.LoadTariffPlanAsync(Path.Combine(AppContext.BaseDirectory, "data", "tariffplans", "tutorial"))).Succeeded);
            await rals.Scheduler.WhenIdleAsync();
            Assert.Null(await rals.SetBalanceAsync("cgrates.org", "1001", BalanceTypes.Monetary, 101, new BalanceFilter { ID = "MonetaryBalance" }));
            var lines = new List<string>();
            var buffer = new byte[65536];
            while (lines.Count < 2)
            {
                var text = Encoding.UTF8.GetString(buffer, 0, syslog.Receive(buffer));
                if (text.Contains("LOG Account: ", StringComparison.Ordinal))
                {
                    lines.Add(text);
                }
            }
            Assert.All(lines, l => Assert.Contains("\"ID\":\"cgrates.org:1001\"", l, StringComparison.Ordinal));
            Assert.All(lines, l => Assert.StartsWith("<30>", l, StringComparison.Ordinal));
            Assert.True((await rals.Accounts.GetAsync("cgrates.org:1001"))!.Disabled);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
