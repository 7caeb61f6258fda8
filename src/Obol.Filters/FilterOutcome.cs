namespace Obol.Filters;

/// <summary>The (pass, err) pair of FilterS.Pass; <see cref="Error"/> carries CGRateS's error text.</summary>
public readonly record struct FilterOutcome(bool Passed, string? Error)
{
    public static readonly FilterOutcome Pass = new(true, null);
    public static readonly FilterOutcome Fail = new(false, null);

    public bool IsError => Error is not null;

    public static FilterOutcome Failure(string error) => new(false, error);
}
