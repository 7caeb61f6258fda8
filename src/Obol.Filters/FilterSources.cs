using NodaTime;

namespace Obol.Filters;

/// <summary>A timing (TPTiming) as <c>*timings</c> needs it; the rating project's Timing adapts to this.</summary>
public interface IFilterTiming
{
    bool IsActiveAt(Instant instant, DateTimeZone zone);
}

/// <summary>Timing lookup for <c>*timings</c>; CGRateS asks APIerSv1.GetTiming.</summary>
public interface ITimingSource
{
    /// <summary>Null when there is no timing with that id (the filter value is then skipped, as in CGRateS).</summary>
    IFilterTiming? FindTiming(string timingId);
}

/// <summary>Destination lookup for <c>*destinations</c>; CGRateS asks APIerSv1.GetDestination.</summary>
public interface IDestinationSource
{
    /// <summary>Null when there is no destination with that id (the filter value is then skipped, as in CGRateS).</summary>
    IReadOnlyList<string>? FindPrefixes(string destinationId);
}

/// <summary>
/// The providers CGRateS's dynamicDP answers by calling other subsystems (<c>*accounts</c>, <c>*resources</c>,
/// <c>*stats</c>, <c>*trends</c>, <c>*rankings</c>, <c>*libphonenumber</c>, <c>*asm</c>).
/// </summary>
public interface IDynamicDataSource
{
    /// <summary><paramref name="path"/> starts with the provider name, e.g. <c>*accounts</c>, <c>1001</c>, <c>BalanceMap</c>.</summary>
    bool TryGetField(string tenant, ReadOnlySpan<string> path, out object? value);
}
