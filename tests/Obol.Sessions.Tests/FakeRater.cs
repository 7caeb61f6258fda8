using NodaTime;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.Sessions.Tests;

/// <summary>One monetary balance priced linearly per started second (1 s increments); MaxDebit grants whole seconds it can pay.</summary>
internal sealed class FakeRater(decimal balance, decimal pricePerSecond) : ISessionRater
{
    private static readonly DebitInfo s_paidFromMonetary = new(null, new MonetaryDebit("uuid-1", "*default", null), "cgrates.org:1001");
    private readonly Lock _gate = new();
    private decimal _balance = balance;

    public decimal Balance { get { lock (_gate) { return _balance; } } }

    public List<string> Calls { get; } = [];

    public List<Usage> MaxDebitRequests { get; } = [];

    public string? FailMaxDebitWith { get; set; }

    /// <summary>Thrown by MaxDebit (a store or transport failure rather than an answer).</summary>
    public Exception? ThrowFromMaxDebit { get; set; }

    /// <summary>Put on every span, so terminate rounds with its rounding.</summary>
    public RateInterval? Rate { get; set; }

    public int CallCount(string name) { lock (_gate) { return Calls.Count(c => c == name); } }

    public Task<(Usage MaxUsage, string? Error)> GetMaxSessionTimeAsync(CallDescriptor call, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("GetMaxSessionTime");
            return Task.FromResult<(Usage, string?)>((Usage.Min(call.Duration, Usage.FromSeconds(Affordable())), null));
        }
    }

    /// <summary>Journal documents the rater saved with its balance changes, in order.</summary>
    public List<JournalWrite> Journal { get; } = [];

    /// <summary>Receives the journal documents as they are saved (a test's journal store).</summary>
    public Action<IReadOnlyList<JournalWrite>>? Sink { get; set; }

    public Task<(CallCost? Cost, string? Error)> MaxDebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
        CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("MaxDebit");
            MaxDebitRequests.Add(call.Duration);
            if (ThrowFromMaxDebit is { } thrown)
            {
                throw thrown;
            }
            if (FailMaxDebitWith is { } error)
            {
                return Task.FromResult<(CallCost?, string?)>((null, error));
            }
            var seconds = Math.Min(Seconds(call.Duration), Affordable());
            return Task.FromResult<(CallCost?, string?)>((Logged(Charge(call, seconds), journal), null));
        }
    }

    public Task<(CallCost? Cost, string? Error)> GetCostAsync(CallDescriptor call, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("GetCost");
            var seconds = Seconds(call.Duration);
            _balance += seconds * pricePerSecond;
            return Task.FromResult<(CallCost?, string?)>((Charge(call, seconds), null));
        }
    }

    public Task<(CallCost? Cost, string? Error)> DebitAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<JournalWrite>>? journal,
        CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("Debit");
            return Task.FromResult<(CallCost?, string?)>((Logged(Charge(call, Seconds(call.Duration)), journal), null));
        }
    }

    public Task<string?> SettleAsync(CallDescriptor call, IReadOnlyList<Increment> refunds, IReadOnlyList<Increment> roundIncrements,
        Func<AccountSummary?, IReadOnlyList<JournalWrite>> settled, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (refunds.Count > 0)
            {
                Calls.Add("RefundIncrements");
                _balance += refunds.Sum(i => i.TotalCost);
            }
            if (roundIncrements.Count > 0)
            {
                Calls.Add("RefundRounding");
                _balance -= roundIncrements.Sum(i => i.Cost);
            }
            var journal = settled(null);
            Journal.AddRange(journal);
            Sink?.Invoke(journal);
            return Task.FromResult<string?>(null);
        }
    }

    /// <summary>Debit then RefundRounding, as the two calls record them, with the journal documents of both.</summary>
    public Task<(CallCost? Cost, string? Error)> DebitAndSettleAsync(CallDescriptor call, Func<CallCost, IReadOnlyList<Increment>> settle,
        Func<CallCost, IReadOnlyList<JournalWrite>> settled, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("Debit");
            var cost = Charge(call, Seconds(call.Duration));
            var rounding = settle(cost);
            if (rounding.Count > 0)
            {
                Calls.Add("RefundRounding");
                _balance -= rounding.Sum(i => i.Cost);
            }
            var journal = settled(cost);
            Journal.AddRange(journal);
            Sink?.Invoke(journal);
            return Task.FromResult<(CallCost?, string?)>((cost, null));
        }
    }

    private CallCost Logged(CallCost cost, Func<CallCost, IReadOnlyList<JournalWrite>>? journal)
    {
        if (journal is not null)
        {
            var writes = journal(cost);
            Journal.AddRange(writes);
            Sink?.Invoke(writes);
        }
        return cost;
    }

    private long Affordable() => _balance <= 0 ? 0 : (long)decimal.Floor(_balance / pricePerSecond);

    private static long Seconds(Usage usage) => (usage.Nanoseconds + Usage.NanosecondsPerSecond - 1) / Usage.NanosecondsPerSecond;

    private CallCost Charge(CallDescriptor call, long seconds)
    {
        var cost = seconds * pricePerSecond;
        _balance -= cost;
        var cc = new CallCost { Tenant = call.Tenant, Account = call.Account, Subject = call.Subject, Destination = call.Destination, Cost = cost };
        if (seconds > 0)
        {
            cc.Timespans.Add(new RatingSpan
            {
                TimeStart = call.TimeStart,
                TimeEnd = call.TimeStart + Duration.FromSeconds(seconds),
                Cost = cost,
                DurationIndex = call.DurationIndex,
                RateInterval = Rate,
                Increments = [new Increment(Usage.FromSeconds(1), pricePerSecond, (int)seconds, s_paidFromMonetary)],
            });
        }
        return cc;
    }
}
