using Obol.SessionServer.Testing;
using Obol.Esl.Testing;

namespace Obol.Agents.FreeSwitch.Tests;

/// <summary>A started agent wired to a <see cref="FakeFreeSwitch"/> and <see cref="FakeSessions"/>.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public const string Alias = "fs1";
    public const string ParkUuid = "4967ceb1-c6f9-4af9-9855-df323d6763ad";

    private AgentHarness(FakeFreeSwitch fake, FakeSessions sessions, FreeSwitchAgent agent)
    {
        Fake = fake;
        Sessions = sessions;
        Agent = agent;
    }

    public FakeFreeSwitch Fake { get; }
    public FakeSessions Sessions { get; }
    public FreeSwitchAgent Agent { get; }

    public static async Task<AgentHarness> StartAsync(Func<FreeSwitchAgentOptions, FreeSwitchAgentOptions>? configure = null,
        FakeSessions? sessions = null)
    {
        var fake = new FakeFreeSwitch().Start();
        sessions ??= new FakeSessions();
        var options = new FreeSwitchAgentOptions
        {
            EventSocketConns =
            [
                new EventSocketConnOptions
                {
                    Address = $"{fake.Host}:{fake.Port}",
                    Alias = Alias,
                    Reconnects = -1,
                    ReconnectUnit = TimeSpan.FromMilliseconds(20),
                    MaxReconnectInterval = TimeSpan.FromMilliseconds(200),
                    ReplyTimeout = TimeSpan.FromSeconds(10),
                },
            ],
        };
        var agent = new FreeSwitchAgent(configure is null ? options : configure(options), sessions);
        await agent.StartAsync();
        return new AgentHarness(fake, sessions, agent);
    }

    /// <summary>Waits for <paramref name="count"/> api commands and returns them all.</summary>
    public async Task<IReadOnlyList<string>> ApiCommandsAsync(int count)
    {
        await Fake.WaitForCommandsAsync(count, c => c.Verb == "api", TimeSpan.FromSeconds(10));
        return Fake.ApiCommands;
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
