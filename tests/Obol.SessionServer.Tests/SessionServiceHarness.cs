using NodaTime;
using Obol.Chargers;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.Rating;
using Obol.Sessions;
using Xunit;

namespace Obol.SessionServer.Tests;

/// <summary>A SessionService with one *default charger run, a manual clock and one listing agent.</summary>
internal static class SessionServiceHarness
{
    public const string Agent = "agent-1";

    public static SessionService Service(ManualTime time, ListingAgent clients, ISessionJournal? journal = null)
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
            new TimeClock(time), time, _ => { }, journal);
    }

    public static async Task InitiateAsync(SessionService service, string originId, Dictionary<string, object?>? apiOpts = null)
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
            ApiOpts = apiOpts,
        }, Agent, TestContext.Current.CancellationToken);
        Assert.Null(error);
    }

    public sealed class ManualTime : TimeProvider
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
    public sealed class ListingAgent : ISessionClients
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

        public List<CgrEvent> Altered { get; } = [];

        public Task<string?> AlterSessionAsync(string clientId, CgrEvent ev, CancellationToken cancellationToken)
        {
            Altered.Add(ev);
            return Task.FromResult<string?>(null);
        }

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
            Func<AccountSummary?, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<(CallCost? Cost, string? Error)> DebitAndSettleAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<Increment>> rounding,
            Func<CallCost, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
