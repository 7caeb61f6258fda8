namespace Obol.TariffPlans;

/// <summary>
/// One problem found while reading a tariff plan, located at a file, a 1-based line (0 when the whole file is at fault)
/// and a column named as in the CGRateS CSV headers (empty when no single column is at fault).
/// A warning marks something CGRateS itself accepts but that is probably a mistake.
/// </summary>
public sealed record TariffPlanError(string File, int Line, string Column, string Message, bool IsWarning = false)
{
    public override string ToString()
    {
        var severity = IsWarning ? "warning: " : "";
        return Column.Length == 0 ? $"{File}:{Line}: {severity}{Message}" : $"{File}:{Line}: {Column}: {severity}{Message}";
    }
}
