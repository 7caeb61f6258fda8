using System.Reflection;
using Obol.Primitives;
using Obol.TariffPlans;
using Xunit;

namespace Obol.Rating.Tests;

/// <summary>Domain projects depend on the BCL and NodaTime only (aesthetics §7.2); the CSV reader adds CsvHelper.</summary>
public class DependencyRulesTests
{
    public static TheoryData<string, string[]> DomainAssemblies => new()
    {
        { typeof(Usage).Assembly.GetName().Name!, ["NodaTime"] },
        { typeof(RatingEngine).Assembly.GetName().Name!, ["NodaTime", "Obol.Primitives"] },
        { "Obol.Accounting", ["NodaTime", "Obol.Primitives", "Obol.Rating"] },
        { typeof(TariffPlanReader).Assembly.GetName().Name!, ["NodaTime", "CsvHelper", "Obol.Primitives", "Obol.Rating", "Obol.Accounting"] },
        { "Obol.Filters", ["NodaTime", "Obol.Primitives", "Obol.TariffPlans"] },
        { "Obol.Events", ["NodaTime", "Obol.Primitives", "Obol.Filters"] },
        { "Obol.Stats", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.TariffPlans"] },
        { "Obol.Thresholds", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.TariffPlans"] },
        { "Obol.Attributes", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.TariffPlans"] },
        { "Obol.Chargers", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.TariffPlans", "Obol.Attributes"] },
        { "Obol.Cdrs", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters"] },
        { "Obol.Sessions", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.Rating"] },
        { "Obol.Routes", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.TariffPlans"] },
        { "Obol.Resources", ["NodaTime", "Obol.Primitives", "Obol.Events", "Obol.Filters", "Obol.TariffPlans"] },
        { "Obol.Evapi", [] },
        { "Obol.Esl", [] },
    };

    [Theory]
    [MemberData(nameof(DomainAssemblies))]
    public void ReferencedAssemblies_DomainProject_OnlyBclAndAllowedPackages(string assemblyName, string[] allowed)
    {
        var assembly = Assembly.Load(assemblyName);
        var offending = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !IsBcl(name) && !allowed.Contains(name))
            .ToList();
        Assert.Empty(offending);
    }

    private static bool IsBcl(string name) =>
        name is "System" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal)
        || (name.StartsWith("Microsoft.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
}
