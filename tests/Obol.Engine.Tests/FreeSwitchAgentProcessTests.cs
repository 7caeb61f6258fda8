using Obol.Esl.Testing;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>The FreeSWITCH agent inside a real engine, talking to a fake FreeSWITCH that speaks the event socket and
/// replays the real CHANNEL_PARK capture (1001 calling 1002).</summary>
public sealed class FreeSwitchAgentProcessTests : IDisposable
{
    private const string Uuid = "4967ceb1-c6f9-4af9-9855-df323d6763ad";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"obol-fsagent-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task ChannelPark_TutorialPlan_AgentAuthorizesThroughSessionsAndSendsTheCallBack()
    {
        await using var freeSwitch = new FakeFreeSwitch().Start();
        Directory.CreateDirectory(_dir);
        var tutorial = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "configs", "tutorial", "cgrates.json"),
            TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_dir, "cgrates.json"), tutorial.Replace("127.0.0.1:8021", $"127.0.0.1:{freeSwitch.Port}", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);
        using var engine = ObolProcess.Start("obol-engine", "-config_path", _dir, "-data_dir", Path.Combine(_dir, "data"), "-logger", "*stdout",
            "-listen", "127.0.0.1:0", "-http_listen", "127.0.0.1:0", "-birpc_listen", "127.0.0.1:0",
            "-tariffplan", Path.Combine(AppContext.BaseDirectory, "samples", "tariffplans", "tutorial"));
        await engine.ListeningAsync();
        await freeSwitch.WaitForCommandAsync(c => c.Line.StartsWith("event plain", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        // The fake records a command before it answers it: an event sent now could reach the agent before the +OK of its
        // subscription, which FreeSWITCH never does. The agent logs once the subscription is answered.
        await engine.WaitForOutputAsync("<FreeSWITCHAgent> connected to FreeSWITCH");

        await freeSwitch.SendCaptureAsync(Path.Combine(AppContext.BaseDirectory, "data", "freeswitch", "channel_park.txt"));
        var transfer = await freeSwitch.WaitForCommandAsync(c => c.Argument.StartsWith($"uuid_transfer {Uuid}", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var notify = freeSwitch.ApiCommands.Single(c => c.StartsWith($"uuid_setvar {Uuid} cgr_notify", StringComparison.Ordinal));
        Assert.Equal($"uuid_setvar {Uuid} cgr_notify AUTH_OK", notify);
        Assert.Contains(freeSwitch.ApiCommands, c => c.StartsWith($"uuid_setvar {Uuid} cgr_max_usage ", StringComparison.Ordinal));
        Assert.NotNull(transfer);
    }
}
