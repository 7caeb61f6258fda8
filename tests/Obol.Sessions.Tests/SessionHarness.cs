using Obol.Events;
using Obol.Primitives;
using Xunit;

namespace Obol.Sessions.Tests;

internal sealed class SessionHarness
{
    public SessionHarness(decimal balance = 10m, decimal pricePerSecond = 0.01m, SessionOptions? options = null, ISessionJournal? journal = null)
    {
        Rater = new FakeRater(balance, pricePerSecond);
        Disconnector = new FakeDisconnector { Time = Clock };
        Manager = new SessionManager(Rater, Disconnector, options ?? new SessionOptions(), Clock, journal);
    }

    public ManualTimeProvider Clock { get; } = new();

    public FakeRater Rater { get; }

    public FakeDisconnector Disconnector { get; }

    public SessionManager Manager { get; }

    public static SessionEvent Call(string cgrId, params string[] requestTypes) =>
        new(cgrId, [.. requestTypes.Select((rt, i) => new SessionRunEvent(i == 0 ? "*default" : $"run{i}", RunEvent(rt)))]);

    public static CgrEvent RunEvent(string requestType) => new()
    {
        Tenant = "cgrates.org",
        Id = "ev1",
        Event = new(StringComparer.Ordinal)
        {
            [EventFields.Tenant] = "cgrates.org",
            [EventFields.Category] = "call",
            [EventFields.Account] = "1001",
            [EventFields.Destination] = "1002",
            [EventFields.ToR] = Meta.Voice,
            [EventFields.OriginId] = "call-1",
            [EventFields.RequestType] = requestType,
        },
    };

    /// <summary>Waits until the debit loops have armed <paramref name="timers"/> timers (and <paramref name="done"/> holds), then moves the clock.</summary>
    public async Task AdvanceWhenArmedAsync(TimeSpan by, Func<bool>? done = null, int timers = 1)
    {
        await EventuallyAsync(() => Clock.PendingTimers == timers && (done?.Invoke() ?? true));
        Clock.Advance(by);
    }

    public static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        Assert.True(condition(), "condition not reached within 5 s");
    }
}
