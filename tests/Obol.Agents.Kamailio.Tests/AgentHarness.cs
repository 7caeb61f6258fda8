using Obol.Evapi.Testing;
using Obol.SessionServer.Testing;

namespace Obol.Agents.Kamailio.Tests;

/// <summary>A <see cref="KamailioAgent"/> connected to a fake Kamailio, with SessionS faked.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private AgentHarness(FakeKamailio kamailio, FakeSessions sessions, KamailioAgent agent, List<string> log)
    {
        Kamailio = kamailio;
        Sessions = sessions;
        Agent = agent;
        Log = log;
    }

    public FakeKamailio Kamailio { get; }

    public FakeSessions Sessions { get; }

    public KamailioAgent Agent { get; }

    public List<string> Log { get; }

    public static async Task<AgentHarness> StartAsync(Func<KamailioAgentOptions, KamailioAgentOptions>? configure = null)
    {
        var kamailio = FakeKamailio.Start();
        var sessions = new FakeSessions();
        var log = new List<string>();
        var options = new KamailioAgentOptions
        {
            EvapiConns = [new EvapiConnOptions { Address = $"{FakeKamailio.Host}:{kamailio.Port}", ReconnectUnit = TimeSpan.FromMilliseconds(50) }],
            Log = line =>
            {
                lock (log)
                {
                    log.Add(line);
                }
            },
        };
        var agent = new KamailioAgent(configure?.Invoke(options) ?? options, sessions);
        await agent.StartAsync();
        await kamailio.WaitForAgentAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return new AgentHarness(kamailio, sessions, agent, log);
    }

    public bool Logged(string text)
    {
        lock (Log)
        {
            return Log.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Kamailio.DisposeAsync();
    }
}
