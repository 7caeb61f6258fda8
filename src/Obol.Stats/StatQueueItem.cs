using NodaTime;

namespace Obol.Stats;

/// <summary>An event held by a queue (CGRateS SQItem): its id and, under a TTL, when it expires.</summary>
public sealed record StatQueueItem(string EventId, Instant? ExpiryTime);
