namespace Obol.TariffPlans;

/// <summary>One tariff-plan CSV file: its name relative to the plan folder (<c>Rates.csv</c>, <c>extra/Rates.csv</c>) and its text.</summary>
public sealed record TariffPlanFile(string Name, string Text);
