using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Obol.Accounting.Scheduling;
using Obol.Primitives;

namespace Obol.TariffPlans;

/// <summary>
/// Turns ActionPlans.csv, the timings it names and the ActionPlanID column of AccountActions.csv into the
/// <see cref="ActionPlan"/>s the scheduler runs (CGRateS parity: engine/tpreader.go LoadActionPlans and
/// LoadAccountActions). Predefined relative timings (<c>*daily</c>...) count from the read options' Now.
/// </summary>
public static class ActionPlanDataBuilder
{
    public static (IReadOnlyList<ActionPlan> Plans, IReadOnlyList<TariffPlanError> Errors) Build(TariffPlan plan, TariffPlanReadOptions options)
    {
        var errors = new List<TariffPlanError>();
        var timings = BuildTimings(plan, options);
        var actions = plan.Actions.Select(a => a.ActionsId).ToHashSet(StringComparer.Ordinal);
        var accounts = BindAccounts(plan, errors);
        var plans = new List<ActionPlan>();
        foreach (var rows in plan.ActionPlans.GroupBy(p => p.Id, StringComparer.Ordinal))
        {
            var actionTimings = new List<ActionTiming>();
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!timings.TryGetValue(row.TimingId, out var timing))
                {
                    errors.Add(Located(row.Location, "TimingID", $"unknown timing \"{row.TimingId}\""));
                    continue;
                }
                if (timing.Error is not null)
                {
                    errors.Add(Located(row.Location, "TimingID", $"timing \"{row.TimingId}\" ({timing.Source}) cannot be scheduled: {timing.Error}"));
                    continue;
                }
                if (!actions.Contains(row.ActionsId))
                {
                    errors.Add(Located(row.Location, "ActionsID", $"unknown actions \"{row.ActionsId}\""));
                    continue;
                }
                if (timing.EverySecond)
                {
                    errors.Add(Located(row.Location, "TimingID",
                        $"timing \"{row.TimingId}\" ({timing.Source}) has start time \"{timing.Schedule!.StartTime}\", which CGRateS runs every second")
                        with { IsWarning = true });
                }
                var identity = string.Join('\n', rows.Key, row.ActionsId, row.TimingId, timing.Fingerprint, Text(row.Weight));
                occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;
                var uuid = StableUuid(identity + "\n" + occurrences[identity].ToString(CultureInfo.InvariantCulture));
                actionTimings.Add(new ActionTiming(uuid, timing.Schedule!, row.ActionsId, row.Weight));
            }
            if (actionTimings.Count > 0)
            {
                var bound = accounts.TryGetValue(rows.Key, out var set) ? set : [];
                plans.Add(new ActionPlan(rows.Key, actionTimings, bound));
            }
        }
        return (plans, errors);
    }

    /// <summary>A timing as the scheduler sees it, built only when a plan names it so that timings used for rating
    /// alone are not held to scheduling rules.</summary>
    private sealed record SchedulingTiming(ActionTimingSchedule? Schedule, string? Error, string Fingerprint, string Source, bool EverySecond);

    private static Dictionary<string, SchedulingTiming> BuildTimings(TariffPlan plan, TariffPlanReadOptions options)
    {
        var loadTime = options.Now.InZone(options.TimeZone);
        var timings = new Dictionary<string, SchedulingTiming>(StringComparer.Ordinal);
        foreach (var id in PredefinedTimings.Ids)
        {
            // Only the id identifies a relative timing: its start time moves with every load.
            timings[id] = new SchedulingTiming(PredefinedTimings.Create(id, loadTime), null, id, "predefined", false);
        }
        // CGRateS parity: LoadTimings adds the defaults first, so a Timings.csv row of the same id replaces one.
        foreach (var t in plan.Timings)
        {
            var start = t.Time.Split(';')[0];
            var source = t.Location.ToString();
            var fingerprint = string.Join('|', Join(t.Years), Join(t.Months), Join(t.MonthDays), Join(t.WeekDays), start);
            timings[t.Id] = ActionTimingSchedule.TryCreate(t.Id, t.Years, t.Months, t.MonthDays, t.WeekDays, start, out var schedule, out var error)
                ? new SchedulingTiming(schedule, null, fingerprint, source, RunsEverySecond(start))
                : new SchedulingTiming(null, error, fingerprint, source, false);
        }
        return timings;
    }

    /// <summary>Plan id → bound <c>tenant:account</c> ids. The last row of an account wins, as CGRateS keys the rows
    /// by account.</summary>
    private static Dictionary<string, HashSet<string>> BindAccounts(TariffPlan plan, List<TariffPlanError> errors)
    {
        var planIds = plan.ActionPlans.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var lastRow = new Dictionary<string, TpAccountAction>(StringComparer.Ordinal);
        foreach (var row in plan.AccountActions)
        {
            lastRow[row.Tenant + ":" + row.Account] = row;
        }
        var bound = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (accountId, row) in lastRow)
        {
            if (row.ActionPlanId.Length == 0)
            {
                continue;
            }
            if (!planIds.Contains(row.ActionPlanId))
            {
                errors.Add(Located(row.Location, "ActionPlanID", $"unknown action plan \"{row.ActionPlanId}\""));
                continue;
            }
            if (!bound.TryGetValue(row.ActionPlanId, out var set))
            {
                bound[row.ActionPlanId] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.Add(accountId);
        }
        return bound;
    }

    /// <summary>CGRateS's CronString turns any start time that is not <c>H:M:S</c> or a word it knows into
    /// <c>* * *</c>: every second.</summary>
    private static bool RunsEverySecond(string start) =>
        start.Length != 0 && start != Meta.Asap && start != PredefinedTimings.EveryMinute && start != PredefinedTimings.Hourly
        && !start.StartsWith('+') && start.Split(':').Length != 3;

    /// <summary>A uuid-shaped hash of the row's identity, so the same row keeps its persisted schedule across loads
    /// where CGRateS would draw a random one.</summary>
    private static string StableUuid(string identity)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }

    private static string Join(int[] values) => string.Join(';', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Text(decimal weight) => weight.ToString("0.############################", CultureInfo.InvariantCulture);

    private static TariffPlanError Located(SourceLocation at, string column, string message) => new(at.File, at.Line, column, message);
}
