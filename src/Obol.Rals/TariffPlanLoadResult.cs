using Obol.TariffPlans;

namespace Obol.Rals;

/// <summary>What loading a tariff plan did: nothing at all when <see cref="Errors"/> has an error (no half-loading).</summary>
public sealed record TariffPlanLoadResult(IReadOnlyList<TariffPlanError> Errors, IReadOnlyDictionary<string, int> Counts)
{
    public bool Succeeded => !Errors.Any(e => !e.IsWarning);

    /// <summary>Why <paramref name="errors"/> refuse a plan, as the API answers it: the first 20 errors, warnings left out.</summary>
    public static string Summary(IEnumerable<TariffPlanError> errors) => string.Join("; ", errors.Where(e => !e.IsWarning).Take(20));

    /// <summary>The load as the load history keeps it; null for a failed load or a restore.</summary>
    public LoadInstance? Load { get; init; }
}
