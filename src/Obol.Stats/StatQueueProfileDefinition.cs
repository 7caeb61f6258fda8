using System.Text.Json.Serialization;
using NodaTime;
using Obol.Events;
using Obol.Filters;
using Obol.Primitives;
using Obol.TariffPlans;

namespace Obol.Stats;

/// <summary>engine.StatQueueProfile as APIerSv1.Get/SetStatQueueProfile carry it (TTL in nanoseconds).</summary>
public sealed record StatQueueProfileDefinition
{
    public string Tenant { get; init; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    public ActivationIntervalDefinition? ActivationInterval { get; init; }

    public int QueueLength { get; init; }

    [JsonPropertyName("TTL")]
    public Usage Ttl { get; init; }

    public int MinItems { get; init; }

    public IReadOnlyList<MetricDefinition>? Metrics { get; init; }

    public bool Stored { get; init; }

    public bool Blocker { get; init; }

    public decimal Weight { get; init; }

    [JsonPropertyName("ThresholdIDs")]
    public IReadOnlyList<string>? ThresholdIds { get; init; }

    /// <summary>Validates and compiles; the message names the profile and field, the way a load error names file:line.</summary>
    public StatQueueProfile ToProfile()
    {
        if (string.IsNullOrEmpty(Id))
        {
            throw new FilterDefinitionException(ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        var metrics = (Metrics ?? []).Select(m => new MetricWithFilters(m.MetricId, m.FilterIds ?? [])).ToArray();
        var profile = new StatQueueProfile(Tenant, Id)
        {
            FilterIds = FilterIds ?? [],
            Activation = ActivationInterval?.ToWindow(),
            QueueLength = QueueLength,
            Ttl = Ttl,
            MinItems = MinItems,
            Metrics = metrics,
            Stored = Stored,
            Blocker = Blocker,
            Weight = Weight,
            ThresholdIds = ThresholdIds ?? [],
        };
        if (!StatQueue.TryCreate(profile, DateTimeZone.Utc, out _, out var error))
        {
            throw new FilterDefinitionException($"stat queue profile {Tenant}:{Id}: {error}");
        }
        var inline = FilterService.CheckInline(profile.FilterIds.Concat(metrics.SelectMany(m => m.FilterIds)));
        return inline.Count == 0 ? profile : throw new FilterDefinitionException($"stat queue profile {Tenant}:{Id}: {inline[0]}");
    }

    public static StatQueueProfileDefinition From(StatQueueProfile profile) => new()
    {
        Tenant = profile.Tenant,
        Id = profile.Id,
        FilterIds = profile.FilterIds,
        ActivationInterval = ActivationIntervalDefinition.From(profile.Activation),
        QueueLength = profile.QueueLength,
        Ttl = profile.Ttl,
        MinItems = profile.MinItems,
        Metrics = [.. profile.Metrics.Select(m => new MetricDefinition { MetricId = m.MetricId, FilterIds = m.FilterIds })],
        Stored = profile.Stored,
        Blocker = profile.Blocker,
        Weight = profile.Weight,
        ThresholdIds = profile.ThresholdIds,
    };

    /// <summary>Stats.csv: a bad metric or time is reported at the row's file:line.</summary>
    public static StatQueueProfile FromTp(TpStatProfile tp, DateTimeZone zone, Instant now)
    {
        try
        {
            return new StatQueueProfileDefinition
            {
                Tenant = tp.Tenant,
                Id = tp.Id,
                FilterIds = tp.FilterIds,
                QueueLength = tp.QueueLength,
                Ttl = tp.Ttl,
                MinItems = tp.MinItems,
                Metrics = [.. tp.Metrics.Select(m => new MetricDefinition { MetricId = m.MetricId, FilterIds = m.FilterIds })],
                Stored = tp.Stored,
                Blocker = tp.Blocker,
                Weight = tp.Weight,
                ThresholdIds = tp.ThresholdIds,
            }.ToProfile() with
            {
                Activation = tp.ActivationInterval is { } interval ? ActivationWindow.From(interval, zone, now) : null,
            };
        }
        catch (FilterDefinitionException e)
        {
            throw new FilterDefinitionException($"{tp.Location}: {e.Message}");
        }
    }
}

/// <summary>engine.MetricWithFilters.</summary>
public sealed record MetricDefinition
{
    [JsonPropertyName("FilterIDs")]
    public IReadOnlyList<string>? FilterIds { get; init; }

    [JsonPropertyName("MetricID")]
    public string MetricId { get; init; } = "";
}
