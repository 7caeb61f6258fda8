namespace Obol.Stats;

/// <summary>Whether <paramref name="statEvent"/> passes a metric's filters; FilterS answers it. An empty list passes.</summary>
public delegate bool MetricFilter(IReadOnlyList<string> filterIds, IStatEvent statEvent);
