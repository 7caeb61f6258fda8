using NodaTime;
using Obol.Chargers;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.Rating;
using Obol.Sessions;
using Xunit;

namespace Obol.SessionServer.Tests;

/// <summary>SessionService.SyncSessionsAsync against an agent that lists its live calls.</summary>
public sealed class ChannelSyncTests
{
    private const string Agent = "agent-1";

    [Fact]
    public async Task SyncSessions_SessionStartedAfterThePreviousRound_JudgedOnlyFromTheNextRound()
    {
        var time = new ManualTime();
        var clients = new ListingAgent();
        await using var service = Service(time, clients);
        time.Advance(TimeSpan.FromSeconds(1));
        await InitiateAsync(service, "young");

        // The agent does not list it: its InitiateSession reply may still be on the way when the question arrives.
        time.Advance(TimeSpan.FromSeconds(1));
        await service.SyncSessionsAsync(TestContext.Current.CancellationToken);
        var afterFirstRound = service.Manager.ActiveSessions.Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await service.SyncSessionsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, afterFirstRound);
        Assert.Empty(service.Manager.ActiveSessions);
        Assert.Equal(["young"], clients.Disconnected);
    }

    [Fact]
    public async Task SyncSessions_AgentListsTheCall_SessionKept()
    {
        var time = new ManualTime();
        var clients = new ListingAgent();
        await using var service = Service(time, clients);
        time.Advance(TimeSpan.FromSeconds(1));
        await InitiateAsync(service, "live");
        clients.Live.Add(("10.0.0.1", "live"));

        for (var round = 0; round < 3; round++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await service.SyncSessionsAsync(TestContext.Current.CancellationToken);
        }

        Assert.Single(service.Manager.ActiveSessions);
        Assert.Empty(clients.Disconnected);
        Assert.Equal(2, clients.Questions);
    }

    private static SessionService Service(ManualTime time, ListingAgent clients)
    {
        var charger = ChargerProfile.Compile(new ChargerProfileDefinition
        {
            Tenant = "cgrates.org",
            Id = "DEFAULT",
            RunId = "*default",
            AttributeIds = ["*none"],
        });
        var chargers = new ChargerService(ChargerTable.Create([charger], new FilterService(new FilterTable([]))));
        return new SessionService(new SessionServiceOptions(), new NoRating(), new SessionSubsystems { Chargers = chargers }, clients, null,
            new TimeClock(time), time, _ => { });
    }

    private static async Task InitiateAsync(SessionService service, string originId)
    {
        var (_, error) = await service.InitiateAsync(new InitiateArgs
        {
            InitSession = true,
            Tenant = "cgrates.org",
            Id = originId,
            Event = new(StringComparer.Ordinal)
            {
                ["OriginID"] = originId,
                ["OriginHost"] = "10.0.0.1",
                ["RequestType"] = "*postpaid",
                ["Account"] = "1001",
                ["Destination"] = "1002",
                ["AnswerTime"] = "2026-01-05T10:00:05Z",
            },
        }, Agent, TestContext.Current.CancellationToken);
        Assert.Null(error);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class TimeClock(TimeProvider time) : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
    }

    /// <summary>One connected agent answering GetActiveSessionIDs with <see cref="Live"/>.</summary>
    private sealed class ListingAgent : ISessionClients
    {
        public List<(string OriginHost, string OriginId)> Live { get; } = [];

        public List<string> Disconnected { get; } = [];

        public int Questions { get; private set; }

        public IReadOnlyCollection<string> ClientIds => [Agent];

        public Task<string?> DisconnectAsync(string clientId, DisconnectRequest request, CancellationToken cancellationToken)
        {
            Disconnected.Add(request.Event.FieldAsString("OriginID") ?? "");
            return Task.FromResult<string?>(null);
        }

        public Task<string?> WarnDisconnectAsync(string clientId, CgrEvent startEvent, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(null);

        public Task<IReadOnlyList<(string OriginHost, string OriginId)>?> GetActiveSessionIdsAsync(string clientId, CancellationToken cancellationToken)
        {
            Questions++;
            return Task.FromResult<IReadOnlyList<(string, string)>?>([.. Live]);
        }
    }

    /// <summary>Postpaid sessions are never rated while they run.</summary>
    private sealed class NoRating : ISessionRater
    {
        public Task<(Usage MaxUsage, string? Error)> GetMaxSessionTimeAsync(CallDescriptor call, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<(CallCost? Cost, string? Error)> GetCostAsync(CallDescriptor call, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
            CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
            CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> SettleAsync(CallDescriptor call, IReadOnlyList<Increment> refunds, IReadOnlyList<Increment> roundIncrements,
            IReadOnlyList<JournalWrite> journal, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
