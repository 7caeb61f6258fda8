using NodaTime;
using Obol.Primitives;

namespace Obol.Filters;

/// <summary>
/// engine.dynamicDP without the allocation: the event plus the providers CGRateS resolves through other subsystems.
/// A struct passed by <c>in</c> so a Pass costs no heap.
/// </summary>
public readonly struct EvaluationContext(IDataProvider data, string tenant, Instant now, FilterEnvironment environment)
{
    public IDataProvider Data { get; } = data;

    public string Tenant { get; } = tenant;

    public Instant Now { get; } = now;

    public FilterEnvironment Environment { get; } = environment;

    // A string switch compiles to length and character tests: no hashing on the *req fast path.
    public static bool IsDynamicProvider(string provider) => provider switch
    {
        "*accounts" or "*resources" or "*stats" or "*trends" or "*rankings" or "*libphonenumber" or "*asm" => true,
        _ => false,
    };

    public bool TryGetField(ReadOnlySpan<string> path, out object? value)
    {
        if (path.Length > 0 && path[0] == AccountSummaryPath.Provider)
        {
            return AccountSummaryPath.TryGet(Data, path[1..], out value);
        }
        if (path.Length > 0 && IsDynamicProvider(path[0]))
        {
            var source = Environment.DynamicData
                ?? throw new FilterEvaluationException($"{ErrorCodes.NotImplemented}: no data source for {path[0]}");
            return source.TryGetField(Tenant, path, out value);
        }
        return Data.TryGetField(path, out value);
    }
}
