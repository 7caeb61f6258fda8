using NodaTime;

namespace Obol.Accounting;

/// <summary>
/// A Units column written as a JSON formula (CGRateS utils.ValueFormula), evaluated each time the action runs. The only
/// method CGRateS knows is <c>*incremental</c>: <see cref="Units"/> spread over an interval, per increment
/// (<c>{"Method":"*incremental","Params":{"Units":10,"Interval":"month","Increment":"day"}}</c> = 10 / days this month).
/// </summary>
public sealed record BalanceValueFormula(string Method, decimal Static, decimal? Units, string? Interval, string? Increment)
{
    public const string Incremental = "*incremental";

    /// <summary>CGRateS parity: utils/value_formula.go GetValue and incrementalFormula; unknown methods and combinations
    /// give 0.</summary>
    public decimal Evaluate(LocalDate today)
    {
        if (Method.Length == 0)
        {
            return Static;
        }
        if (Method != Incremental || Units is not { } units)
        {
            return 0m;
        }
        decimal daysInMonth = today.Calendar.GetDaysInMonth(today.Year, today.Month);
        decimal daysInYear = today.Calendar.GetDaysInYear(today.Year);
        return (Increment, Interval) switch
        {
            ("day", "week") => units / 7,
            ("day", "month") => units / daysInMonth,
            ("day", "year") => units / daysInYear,
            ("hour", "day") => units / 24,
            ("hour", "month") => units / (daysInMonth * 24),
            ("hour", "year") => units / (daysInYear * 24),
            ("minute", "hour") => units / 60,
            _ => 0m,
        };
    }
}
