using NodaTime;
using Obol.Accounting;

namespace Obol.Api;

/// <summary>engine.Action as CGRateS marshals it.</summary>
public sealed record ActionWire(string Id, string ActionType, string ExtraParameters, List<string>? Filters, string ExpirationString, decimal Weight,
    BalanceFilterWire? Balance)
{
    public static ActionWire Of(AccountAction action) => new(action.Id, action.ActionType, action.ExtraParameters,
        action.FilterIds.Count == 0 ? null : [.. action.FilterIds], action.ExpiryTime, action.Weight, BalanceFilterWire.Of(action));
}

/// <summary>engine.BalanceFilter: a field left unset is null.</summary>
public sealed record BalanceFilterWire(string? Uuid, string? ID, string? Type, ValueFormulaWire? Value, Instant? ExpirationDate, decimal? Weight,
    Dictionary<string, bool>? DestinationIDs, string? RatingSubject, Dictionary<string, bool>? Categories, Dictionary<string, bool>? SharedGroups,
    Dictionary<string, bool>? TimingIDs, List<TimingWire>? Timings, bool? Disabled, Dictionary<string, decimal>? Factors, bool? Blocker)
{
    public static BalanceFilterWire Of(AccountAction action)
    {
        var b = action.Balance;
        var value = action.ValueFormula is { } formula ? new ValueFormulaWire(formula.Method, Params(formula), formula.Static)
            : b.Value is { } units ? new ValueFormulaWire("", null, units) : null;
        return new(b.Uuid, b.ID, b.Type, value, b.ExpirationDate, b.Weight, b.DestinationIDs, b.RatingSubject, b.Categories, b.SharedGroups,
            b.TimingIDs, b.Timings is { Count: > 0 } timings ? [.. timings.Select(TimingWire.From)] : null, b.Disabled, b.Factors, b.Blocker);
    }

    private static Dictionary<string, object>? Params(BalanceValueFormula formula)
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        if (formula.Units is { } units)
        {
            parameters["Units"] = units;
        }
        if (formula.Interval is { } interval)
        {
            parameters["Interval"] = interval;
        }
        if (formula.Increment is { } increment)
        {
            parameters["Increment"] = increment;
        }
        return parameters.Count == 0 ? null : parameters;
    }
}

/// <summary>utils.ValueFormula.</summary>
public sealed record ValueFormulaWire(string Method, Dictionary<string, object>? Params, decimal Static);
