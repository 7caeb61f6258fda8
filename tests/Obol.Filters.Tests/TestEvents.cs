using NodaTime;

namespace Obol.Filters.Tests;

internal static class TestEvents
{
    public static readonly Instant Now = Instant.FromUtc(2024, 6, 1, 12, 0);

    public static FilterEvent Call(params (string Key, object? Value)[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => f.Value), new Dictionary<string, object?> { ["*context"] = "*sessions" });

    public static FilterService Service(FilterEnvironment? environment = null, params Filter[] filters) =>
        new(new FilterTable(filters), environment);

    /// <summary>Passes one inline rule against an event.</summary>
    public static FilterOutcome Inline(string rule, FilterEvent ev, FilterEnvironment? environment = null) =>
        Service(environment).Pass("cgrates.org", [rule], ev, Now);
}
