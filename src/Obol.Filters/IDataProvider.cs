namespace Obol.Filters;

/// <summary>utils.DataProvider: what a filter reads <c>~*req.Field</c>-style paths from.</summary>
public interface IDataProvider
{
    /// <summary>Looks up a path already split on <c>.</c> (first segment is the provider, e.g. <c>*req</c>).
    /// Throws <see cref="FilterEvaluationException"/> when the lookup itself fails (not for a missing field).</summary>
    bool TryGetField(ReadOnlySpan<string> path, out object? value);
}
