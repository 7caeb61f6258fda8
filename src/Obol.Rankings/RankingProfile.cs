using Obol.Events;
using Obol.Primitives;
using Obol.Scheduling;
using Obol.TariffPlans;

namespace Obol.Rankings;

/// <summary>
/// A compiled ranking profile: schedule parsed and sorting checked, so a profile CGRateS would only refuse when it runs
/// ("NOT_IMPLEMENTED:*sorting") is refused when set or loaded. No filters; an <see cref="IEventProfile"/> so the
/// profile catalog keeps it as it keeps the others.
/// </summary>
public sealed class RankingProfile : IEventProfile
{
    public const string Ascending = "*asc";
    public const string Descending = "*desc";

    private RankingProfile(RankingProfileDefinition definition, CronSchedule schedule)
    {
        Definition = definition;
        Schedule = schedule;
        TenantId = $"{definition.Tenant}:{definition.Id}";
    }

    public RankingProfileDefinition Definition { get; }

    public string Tenant => Definition.Tenant;

    public string Id => Definition.Id;

    public string TenantId { get; }

    public IReadOnlyList<string> FilterIds => [];

    public CronSchedule Schedule { get; }

    public static RankingProfile Compile(RankingProfileDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id.Length == 0)
        {
            throw new RankingDefinitionException($"ranking profile {definition.Tenant}:: ID is mandatory", ErrorCodes.MandatoryIeMissingFields("ID"));
        }
        return Finish(definition, $"ranking profile {definition.Tenant}:{definition.Id}");
    }

    /// <summary>Compiles a Rankings.csv profile; errors name its file and line.</summary>
    public static RankingProfile FromTp(TpRankingProfile tp)
    {
        ArgumentNullException.ThrowIfNull(tp);
        return Finish(new RankingProfileDefinition
        {
            Tenant = tp.Tenant,
            Id = tp.Id,
            Schedule = tp.Schedule,
            StatIds = tp.StatIds,
            MetricIds = tp.MetricIds,
            Sorting = tp.Sorting,
            SortingParameters = tp.SortingParameters,
            Stored = tp.Stored,
            ThresholdIds = tp.ThresholdIds,
        }, $"{tp.Location}: ranking profile {tp.Tenant}:{tp.Id}");
    }

    private static RankingProfile Finish(RankingProfileDefinition definition, string name)
    {
        if (definition.Sorting is not (Ascending or Descending))
        {
            throw new RankingDefinitionException($"{name}: Sorting <{definition.Sorting}> is not {Ascending} or {Descending}");
        }
        if (!CronSchedule.TryParse(definition.Schedule, out var schedule, out var error))
        {
            throw new RankingDefinitionException($"{name}: {error}");
        }
        return new RankingProfile(definition, schedule);
    }
}
