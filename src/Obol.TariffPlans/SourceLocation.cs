namespace Obol.TariffPlans;

/// <summary>Where a record came from: the file relative to the plan folder (<c>Rates.csv</c>, <c>extra/Rates.csv</c>)
/// and the 1-based line its row starts on.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
