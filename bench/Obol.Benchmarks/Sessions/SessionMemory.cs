using NodaTime;
using Obol.Events;
using Obol.Primitives;
using Obol.Rating;
using Obol.Sessions;

namespace Obol.Benchmarks.Sessions;

/// <summary>
/// Bytes per active prepaid session in the SessionS core: <c>dotnet run -c Release --project bench/Obol.Benchmarks --
/// sessions-memory [count]</c>. Each call is shaped like an agent's (the start event with a dozen fields, a *default
/// prepaid run and a *raw run), debited once, with its debit loop armed (5 min interval, so it does not fire).
/// </summary>
internal static class SessionMemory
{
    public static void Run(int count)
    {
        var manager = new SessionManager(new OneSpanRater(), new NoAgent(), new SessionOptions { DebitInterval = Usage.FromMinutes(5) }, TimeProvider.System);
        var before = Measure();
        for (var i = 0; i < count; i++)
        {
            var start = Event(i, "*prepaid");
            var raw = Event(i, "*none");
            raw.Event["RunID"] = "*raw";
            var def = Event(i, "*prepaid");
            def.Event["RunID"] = "*default";
            var request = new SessionEvent($"cgrid{i}", [new SessionRunEvent("*default", def), new SessionRunEvent("*raw", raw)]) { StartEvent = start };
            manager.InitiateAsync(request).GetAwaiter().GetResult();
        }
        Thread.Sleep(500);
        var after = Measure();
        Console.WriteLine($"{count:N0} sessions: {(after - before) / (double)count:F0} bytes per session ({(after - before) / 1048576.0:F0} MiB)");
        GC.KeepAlive(manager);
    }

    private static CgrEvent Event(int i, string requestType)
    {
        var id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new CgrEvent
        {
            Tenant = "cgrates.org",
            Id = "ev" + id,
            Event = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["OriginID"] = "call-" + id,
                ["OriginHost"] = "10.0.0." + (i % 250),
                ["Source"] = "FS_CHANNEL_ANSWER",
                ["RequestType"] = requestType,
                ["Tenant"] = "cgrates.org",
                ["Category"] = "call",
                ["Account"] = (1000 + (i % 5000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Subject"] = (1000 + (i % 5000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Destination"] = (2000 + (i % 7000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ToR"] = "*voice",
                ["SetupTime"] = Instant.FromUtc(2026, 1, 5, 10, 0, 0),
                ["AnswerTime"] = Instant.FromUtc(2026, 1, 5, 10, 0, 5),
                ["CGRID"] = "cgrid" + id,
            },
        };
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Grants every debit as one 1 s-increment span paid by one balance, as the tutorial's per-second rates do.</summary>
    private sealed class OneSpanRater : ISessionRater
    {
        private static readonly DebitInfo s_paid = new(null, new MonetaryDebit("uuid", "*default", null), "cgrates.org:1001");

        public Task<(Usage MaxUsage, string? Error)> GetMaxSessionTimeAsync(CallDescriptor call, CancellationToken cancellationToken) =>
            Task.FromResult<(Usage, string?)>((call.Duration, null));

        public Task<(CallCost? Cost, string? Error)> GetCostAsync(CallDescriptor call, CancellationToken cancellationToken) => Cost(call);

        public Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
            CancellationToken cancellationToken) => Cost(call);

        public Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
            CancellationToken cancellationToken) => Cost(call);

        public Task<string?> SettleAsync(CallDescriptor call, IReadOnlyList<Increment> refunds, IReadOnlyList<Increment> roundIncrements,
            Func<AccountSummary?, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken)
        {
            _ = journal(null);
            return Task.FromResult<string?>(null);
        }

        public async Task<(CallCost? Cost, string? Error)> DebitAndSettleAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<Increment>> rounding,
            Func<CallCost, IReadOnlyList<JournalWrite>> journal, CancellationToken cancellationToken)
        {
            var (cost, error) = await Cost(call).ConfigureAwait(false);
            _ = rounding(cost!);
            _ = journal(cost!);
            return (cost, error);
        }

        private static Task<(CallCost?, string?)> Cost(CallDescriptor call)
        {
            var seconds = (int)(call.Duration.Nanoseconds / Usage.NanosecondsPerSecond);
            var cc = new CallCost { Tenant = call.Tenant, Account = call.Account, Subject = call.Subject, Destination = call.Destination, Cost = seconds * 0.01m };
            cc.Timespans.Add(new RatingSpan
            {
                TimeStart = call.TimeStart,
                TimeEnd = call.TimeEnd,
                Cost = cc.Cost,
                DurationIndex = call.DurationIndex,
                Increments = [new Increment(Usage.FromSeconds(1), 0.01m, Math.Max(1, seconds), s_paid)],
            });
            return Task.FromResult<(CallCost?, string?)>((cc, null));
        }
    }

    private sealed class NoAgent : ISessionDisconnector
    {
        public Task<string?> DisconnectAsync(SessionDisconnect request, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
