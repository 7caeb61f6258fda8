using NodaTime;
using Obol.Accounting;
using Obol.Events;
using Obol.Logging;
using Obol.Primitives;
using Obol.Rating;
using Obol.Stats;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>
/// Account.Publish: an account whose balances moved goes to ThresholdS (<c>rals.thresholds_conns</c>) and StatS
/// (<c>rals.stats_conns</c>) as an AccountUpdate event, the account summary's fields as the event and
/// <c>*eventType:AccountUpdate</c> in its options. Neither answering NOT_FOUND is the usual case and not reported.
/// </summary>
internal sealed class AccountUpdatePublisher(ThresholdService? thresholds, StatService? stats, IClock clock, EngineLog log) : IAccountUpdates
{
    public async ValueTask PublishAsync(AccountSummary account, CancellationToken cancellationToken)
    {
        var ev = Event(account, clock.GetCurrentInstant());
        var now = ev.Time!.Value;
        try
        {
            if (thresholds is not null)
            {
                var (_, error) = await thresholds.ProcessEventAsync(ev, now, cancellationToken).ConfigureAwait(false);
                Report(error, ev, "ThresholdS");
            }
            if (stats is not null)
            {
                // ThresholdS has finished with the event and neither changes it, so StatS takes the same one.
                var (_, error) = await stats.ProcessEventAsync(ev, now, cancellationToken).ConfigureAwait(false);
                Report(error, ev, "StatS");
            }
        }
#pragma warning disable CA1031 // The change is saved; what its event met is logged, as CGRateS does, never thrown into the debit.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Report(e.Message, ev, thresholds is null ? "StatS" : "ThresholdS");
        }
    }

    public static CgrEvent Event(AccountSummary account, Instant now) => new()
    {
        Tenant = account.Tenant,
        Id = Guid.NewGuid().ToString(),
        Time = now,
        Event = new Dictionary<string, object?>(5, StringComparer.Ordinal)
        {
            ["Tenant"] = account.Tenant,
            ["AccountID"] = account.AccountID,
            ["AllowNegative"] = account.AllowNegative,
            ["Disabled"] = account.Disabled,
            ["BalanceSummaries"] = account.BalanceSummaries?.Select(Balance).ToList(),
        },
        ApiOpts = new Dictionary<string, object?>(1, StringComparer.Ordinal) { [EventAccount.MetaEventType] = EventAccount.AccountUpdate },
    };

    // A BalanceSummary as it reaches a *localhost ThresholdS: its JSON decoded into a map, Weight and Factors left out when empty.
    private static object? Balance(BalanceSummary b)
    {
        var map = new Dictionary<string, object?>(8, StringComparer.Ordinal)
        {
            ["UUID"] = b.UUID,
            ["ID"] = b.ID,
            ["Type"] = b.Type,
            ["Initial"] = b.Initial,
            ["Value"] = b.Value,
        };
        if (b.Weight != 0)
        {
            map["Weight"] = b.Weight;
        }
        map["Disabled"] = b.Disabled;
        if (b.Factors is { Count: > 0 } factors)
        {
            map["Factors"] = factors.ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.Ordinal);
        }
        return map;
    }

    private void Report(string? error, CgrEvent ev, string subsystem)
    {
        if (error is not null && error != ErrorCodes.NotFound)
        {
            log.Warning($"<AccountS> error: {error} processing account event {ev.Id} of {ev.Tenant}:{ev.FieldAsString("AccountID")} with {subsystem}.");
        }
    }
}
