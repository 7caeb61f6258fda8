using Obol.Events;
using Obol.Primitives;
using Obol.Scheduling;
using Obol.TariffPlans;

namespace Obol.Trends;

/// <summary>
/// A compiled trend profile: its schedule parsed and its correlation checked, so a profile CGRateS would only refuse
/// when scheduled or computed is refused when set or loaded. Trend profiles have no filters; they are an
/// <see cref="IEventProfile"/> so the profile catalog stores and loads them as it does the others.
/// </summary>
public sealed class TrendProfile : IEventProfile
{
    public const string Last = "*last";
    public const string Average = "*average";

    private TrendProfile(TrendProfileDefinition definition, CronSchedule schedule)
    {
        Definition = definition;
        Schedule = schedule;
        TenantId = $"{definition.Tenant}:{definition.Id}";
    }

    public TrendProfileDefinition Definition { get; }

    public string Tenant => Definition.Tenant;

    public string Id => Definition.Id;

    public string TenantId { get; }

    public IReadOnlyList<string> FilterIds => [];

    public CronSchedule Schedule { get; }

    public static TrendProfile Compile(TrendProfileDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id.Length == 0)
        {
            throw new TrendDefinitionException($"trend profile {definition.Tenant}:: ID is mandatory", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        return Finish(definition, $"trend profile {definition.Tenant}:{definition.Id}");
    }

    /// <summary>Compiles a Trends.csv profile; errors name its file and line.</summary>
    public static TrendProfile FromTp(TpTrendProfile tp)
    {
        ArgumentNullException.ThrowIfNull(tp);
        var name = $"{tp.Location}: trend profile {tp.Tenant}:{tp.Id}";
        var ttl = Usage.Zero;
        if (tp.Ttl.Length != 0 && !Usage.TryParse(tp.Ttl, out ttl))
        {
            throw new TrendDefinitionException($"{name}: TTL <{tp.Ttl}> is not a duration");
        }
        return Finish(new TrendProfileDefinition
        {
            Tenant = tp.Tenant,
            Id = tp.Id,
            Schedule = tp.Schedule,
            StatId = tp.StatId,
            Metrics = tp.Metrics,
            Ttl = ttl,
            QueueLength = tp.QueueLength,
            MinItems = tp.MinItems,
            CorrelationType = tp.CorrelationType,
            Tolerance = tp.Tolerance,
            Stored = tp.Stored,
            ThresholdIds = tp.ThresholdIds,
        }, name);
    }

    private static TrendProfile Finish(TrendProfileDefinition definition, string name)
    {
        if (definition.CorrelationType is not (Last or Average))
        {
            // engine/libtrends.go getTrendGrowth: any other correlation fails every run with "CORRELATION_UNDEFINED".
            throw new TrendDefinitionException($"{name}: CorrelationType <{definition.CorrelationType}> is not {Last} or {Average}");
        }
        if (!CronSchedule.TryParse(definition.Schedule, out var schedule, out var error))
        {
            throw new TrendDefinitionException($"{name}: {error}");
        }
        return new TrendProfile(definition, schedule);
    }
}
