namespace Obol.Exporters;

/// <summary>
/// EeSv1.ProcessEvent's reply (<c>map[exporterID]map[metric]any</c>) or its error. Metrics are empty unless the event
/// carried <c>*eesVerbose</c> (or a batch asked for them); <see cref="Error"/> is <c>PARTIALLY_EXECUTED</c> when an
/// exporter failed, <c>NOT_FOUND</c> when none ran, or FilterS's error. CGRateS drops the map on error; it is kept
/// here for logging and for callers that report partial results.
/// </summary>
public sealed record EeProcessReply(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Exporters, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>APIerSv1.ReplayFailedPosts outcome: files read, events sent, events that failed again (kept in a new file).</summary>
public sealed record ReplayResult(int Files, int Replayed, int Failed);
