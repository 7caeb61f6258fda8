using System.Globalization;
using System.Text.Json;
using Obol.Accounting;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.TariffPlans;

/// <summary>
/// The action lists (Actions.csv) and trigger sets (ActionTriggers.csv) of a tariff plan, by id. Triggers are
/// templates: give each account its own copies (<see cref="TriggersFor"/>), since they record their executions.
/// </summary>
public sealed class AccountingData(
    IReadOnlyDictionary<string, IReadOnlyList<AccountAction>> actions,
    IReadOnlyDictionary<string, IReadOnlyList<ActionTrigger>> actionTriggers) : IActionSource
{
    public IReadOnlyDictionary<string, IReadOnlyList<AccountAction>> Actions { get; } = actions;

    public IReadOnlyDictionary<string, IReadOnlyList<ActionTrigger>> ActionTriggers { get; } = actionTriggers;

    public IReadOnlyList<AccountAction>? GetActions(string actionsId) => Actions.GetValueOrDefault(actionsId);

    /// <summary>Fresh copies of the trigger set, empty when there is none by that id.</summary>
    public List<ActionTrigger> TriggersFor(string actionTriggersId) =>
        ActionTriggers.TryGetValue(actionTriggersId, out var set) ? [.. set.Select(t => t.Clone())] : [];
}

/// <summary>
/// Turns Actions.csv rows into <see cref="AccountAction"/> lists and ActionTriggers.csv rows into
/// <see cref="ActionTrigger"/> sets (CGRateS parity: engine/tpreader.go LoadActions and LoadActionTriggers). In the
/// balance columns empty and <c>*any</c> leave a field unset; Units are nanoseconds for <c>*voice</c> (a bare number or
/// a Go duration), a number otherwise, or a JSON value formula.
/// </summary>
public static class AccountingDataBuilder
{
    public static (AccountingData Data, IReadOnlyList<TariffPlanError> Errors) Build(TariffPlan plan, TariffPlanReadOptions options,
        Func<string>? newUuid = null)
    {
        var errors = new List<TariffPlanError>();
        var timings = RatingDataBuilder.BuildTimings(plan, []);
        var actions = new Dictionary<string, IReadOnlyList<AccountAction>>(StringComparer.Ordinal);
        foreach (var rows in plan.Actions.GroupBy(a => a.ActionsId, StringComparer.Ordinal))
        {
            var list = rows.Select(row => ToAction(row, timings, options, errors)).OfType<AccountAction>().ToList();
            if (list.Count == rows.Count())
            {
                actions[rows.Key] = list;
            }
        }
        var uuid = newUuid ?? AccountService.NewUuid;
        var triggers = new Dictionary<string, IReadOnlyList<ActionTrigger>>(StringComparer.Ordinal);
        foreach (var rows in plan.ActionTriggers.GroupBy(t => t.Id, StringComparer.Ordinal))
        {
            var list = rows.Select(row => ToTrigger(row, options, uuid, errors)).OfType<ActionTrigger>().ToList();
            if (list.Count == rows.Count())
            {
                triggers[rows.Key] = list;
            }
        }
        return (new AccountingData(actions, triggers), errors);
    }

    private static AccountAction? ToAction(TpAction row, Dictionary<string, Timing> timings, TariffPlanReadOptions options, List<TariffPlanError> errors)
    {
        var before = errors.Count;
        decimal? value = null;
        BalanceValueFormula? formula = null;
        if (IsSet(row.Units) && !TryUnits(row.Units, row.BalanceType, out value, out formula))
        {
            errors.Add(Located(row.Location, "Units", $"invalid units \"{row.Units}\""));
        }
        var weight = BalanceWeight(row.BalanceWeight, options, allowTimeWords: true, row.Location, errors);
        var blocker = Flag(row.BalanceBlocker, "BalanceBlocker", row.Location, errors);
        var disabled = Flag(row.BalanceDisabled, "BalanceDisabled", row.Location, errors);
        List<Timing>? balanceTimings = null;
        // CGRateS parity: LoadActions resolves every named timing, *any included; '!' only negates it on the balance.
        foreach (var id in row.TimingIds)
        {
            if (timings.TryGetValue(id.TrimStart('!'), out var timing))
            {
                (balanceTimings ??= []).Add(timing);
            }
            else
            {
                errors.Add(Located(row.Location, "TimingIDs", $"unknown timing \"{id.TrimStart('!')}\""));
            }
        }
        if (errors.Count != before)
        {
            return null;
        }
        return new AccountAction
        {
            Id = row.ActionsId,
            ActionType = row.ActionType,
            ExtraParameters = row.ExtraParameters,
            FilterIds = row.Filters.Length == 0 ? [] : row.Filters.Split(FieldText.ListSeparator),
            ExpiryTime = row.ExpiryTime,
            Weight = row.Weight,
            ValueFormula = formula,
            Balance = new BalanceFilter
            {
                ID = Text(row.BalanceId),
                Type = Text(row.BalanceType),
                Value = value,
                Weight = weight,
                RatingSubject = Text(row.RatingSubject),
                Categories = Map(row.Categories),
                DestinationIDs = Map(row.DestinationIds),
                SharedGroups = Map(row.SharedGroups),
                TimingIDs = Map(row.TimingIds),
                Timings = balanceTimings,
                Blocker = blocker,
                Disabled = disabled,
            },
        };
    }

    private static ActionTrigger? ToTrigger(TpActionTrigger row, TariffPlanReadOptions options, Func<string> newUuid, List<TariffPlanError> errors)
    {
        var before = errors.Count;
        var weight = BalanceWeight(row.BalanceWeight, options, allowTimeWords: false, row.Location, errors);
        var blocker = Flag(row.BalanceBlocker, "BalanceBlocker", row.Location, errors);
        var disabled = Flag(row.BalanceDisabled, "BalanceDisabled", row.Location, errors);
        // CGRateS parity: the balance expiry is skipped when the trigger's own ExpiryTime is *unlimited.
        var balanceExpirySet = IsSet(row.BalanceExpiryTime) && row.ExpiryTime != Meta.Unlimited;
        if (errors.Count != before)
        {
            return null;
        }
        return new ActionTrigger
        {
            ID = row.Id,
            UniqueID = row.UniqueId.Length != 0 ? row.UniqueId : newUuid(),
            ThresholdType = row.ThresholdType,
            ThresholdValue = row.ThresholdValue,
            Recurrent = row.Recurrent,
            MinSleep = row.MinSleep,
            ExpirationDate = Time(row.ExpiryTime, options),
            ActivationDate = Time(row.ActivationTime, options),
            Weight = row.Weight,
            ActionsId = row.ActionsId,
            Balance = new BalanceFilter
            {
                ID = Text(row.BalanceId),
                Type = Text(row.BalanceType),
                Weight = weight,
                ExpirationDateSet = balanceExpirySet,
                ExpirationDate = balanceExpirySet ? Time(row.BalanceExpiryTime, options) : null,
                RatingSubject = Text(row.BalanceRatingSubject),
                Categories = Map(row.BalanceCategories),
                DestinationIDs = Map(row.BalanceDestinationIds),
                SharedGroups = Map(row.BalanceSharedGroups),
                TimingIDs = Map(row.BalanceTimingIds),
                Blocker = blocker,
                Disabled = disabled,
            },
        };
    }

    /// <summary>CGRateS parity: utils.ParseBalanceFilterValue — a number, a duration for <c>*voice</c> (a bare number is
    /// nanoseconds), or a JSON value formula.</summary>
    public static bool TryUnits(string text, string balanceType, out decimal? value, out BalanceValueFormula? formula)
    {
        formula = null;
        value = null;
        var isNumber = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        if (balanceType == Meta.Voice)
        {
            // ParseDurationWithNanosecs: a bare number is nanoseconds (Go drops the fraction), else a Go duration.
            if (isNumber)
            {
                value = decimal.Truncate(number);
                return true;
            }
            if (Usage.TryParse(text, out var usage))
            {
                value = usage.Nanoseconds;
                return true;
            }
        }
        else if (isNumber)
        {
            value = number;
            return true;
        }
        formula = ReadFormula(text);
        return formula is not null;
    }

    // Go's json.Unmarshal into utils.ValueFormula: names match case-insensitively, mistyped params are left out.
    private static BalanceValueFormula? ReadFormula(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            string method = "", interval = "", increment = "";
            decimal staticValue = 0;
            decimal? units = null;
            foreach (var p in document.RootElement.EnumerateObject())
            {
                if (Is(p, "Method") && p.Value.ValueKind == JsonValueKind.String)
                {
                    method = p.Value.GetString()!;
                }
                else if (Is(p, "Static") && p.Value.TryGetDecimal(out var s))
                {
                    staticValue = s;
                }
                else if (Is(p, "Params") && p.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var param in p.Value.EnumerateObject())
                    {
                        units = param.Name == "Units" && param.Value.ValueKind == JsonValueKind.Number ? param.Value.GetDecimal() : units;
                        interval = param.Name == "Interval" && param.Value.ValueKind == JsonValueKind.String ? param.Value.GetString()! : interval;
                        increment = param.Name == "Increment" && param.Value.ValueKind == JsonValueKind.String ? param.Value.GetString()! : increment;
                    }
                }
            }
            return new BalanceValueFormula(method, staticValue, units, interval, increment);
        }
        catch (JsonException)
        {
            return null;
        }

        static bool Is(JsonProperty p, string name) => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>utils.BalanceWeightAsFloat64 for actions (<c>*time_desc</c>: seconds left until 2050, <c>*time_asc</c>:
    /// the Unix time, both at load); triggers take plain numbers only.</summary>
    private static decimal? BalanceWeight(string text, TariffPlanReadOptions options, bool allowTimeWords, SourceLocation at,
        List<TariffPlanError> errors)
    {
        if (!IsSet(text))
        {
            return null;
        }
        var now = options.Now.ToUnixTimeSeconds();
        switch (text)
        {
            case "*time_desc" when allowTimeWords:
                return NodaTime.Instant.FromUtc(2050, 1, 1, 0, 0).ToUnixTimeSeconds() - now;
            case "*time_asc" when allowTimeWords:
                return now;
        }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
        {
            return weight;
        }
        errors.Add(Located(at, "BalanceWeight", $"invalid decimal \"{text}\""));
        return null;
    }

    private static bool? Flag(string text, string column, SourceLocation at, List<TariffPlanError> errors)
    {
        if (!IsSet(text))
        {
            return null;
        }
        if (FieldText.TryParseGoBool(text, out var flag))
        {
            return flag;
        }
        errors.Add(Located(at, column, $"invalid boolean \"{text}\""));
        return null;
    }

    /// <summary>A validated time column; Go's zero time (empty, 0, <c>*unlimited</c>) is "never".</summary>
    private static NodaTime.Instant? Time(string text, TariffPlanReadOptions options) =>
        GoTime.TryParse(text, options.TimeZone, options.Now, out var t) && t.ToInstant() != GoTime.Zero.ToInstant() ? t.ToInstant() : null;

    private static bool IsSet(string text) => text.Length != 0 && text != Meta.Any;

    private static string? Text(string text) => IsSet(text) ? text : null;

    // The reader split the column on ';'; CGRateS tests the whole text for "" and *any.
    private static StringMap? Map(string[] items)
    {
        var text = string.Join(FieldText.ListSeparator, items);
        return IsSet(text) ? StringMap.Parse(text) : null;
    }

    private static TariffPlanError Located(SourceLocation at, string column, string message) => new(at.File, at.Line, column, message);
}
