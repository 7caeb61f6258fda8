using Obol.Attributes;
using Obol.Chargers;
using Obol.Config;
using Obol.Filters;
using Obol.Ips;
using Obol.Resources;
using Obol.Routes;
using Obol.Stats;
using Obol.Thresholds;

namespace Obol.Engine;

/// <summary>Each subsystem's options from its cgrates.json section.</summary>
internal static class SubsystemOptions
{
    /// <summary>A section's indexing: a null string list indexes every field; the other lists index only theirs.</summary>
    public static FilterIndexOptions Index(IndexingConfig indexing) => new()
    {
        IndexedSelects = indexing.IndexedSelects,
        StringIndexedFields = indexing.StringIndexedFields is { } fields ? fields.ToHashSet(StringComparer.Ordinal) : null,
        PrefixIndexedFields = indexing.PrefixIndexedFields.ToHashSet(StringComparer.Ordinal),
        SuffixIndexedFields = indexing.SuffixIndexedFields.ToHashSet(StringComparer.Ordinal),
        ExistsIndexedFields = indexing.ExistsIndexedFields.ToHashSet(StringComparer.Ordinal),
    };

    public static StatServiceOptions Stats(StatsConfig section, int roundingDecimals) => new()
    {
        Index = Index(section.Indexing),
        RoundingDecimals = roundingDecimals,
        ProfileIds = section.ProfileIds,
        ProfileIgnoreFilters = section.ProfileIgnoreFilters,
        StoreInterval = section.StoreInterval,
    };

    public static ThresholdServiceOptions Thresholds(ThresholdsConfig section) => new()
    {
        Index = Index(section.Indexing),
        ProfileIds = section.ProfileIds,
        ProfileIgnoreFilters = section.ProfileIgnoreFilters,
        StoreInterval = section.StoreInterval,
    };

    public static IpServiceOptions Ips(IpsConfig section, string tenant) => new()
    {
        Index = Index(section.Indexing),
        DefaultTenant = tenant,
        AllocationId = section.AllocationId,
        StoreInterval = section.StoreInterval,
    };

    public static ResourceServiceOptions Resources(ResourcesConfig section, string tenant) => new()
    {
        Index = Index(section.Indexing),
        DefaultTenant = tenant,
        UsageId = section.UsageId,
        UsageTtl = section.UsageTtl,
        Units = section.Units,
        StoreInterval = section.StoreInterval,
    };

    public static RouteServiceOptions Routes(RoutesConfig section, string tenant) => new()
    {
        Index = Index(section.Indexing),
        DefaultTenant = tenant,
        DefaultRatio = section.DefaultRatio,
        IgnoreErrors = section.IgnoreErrors,
        MaxCost = section.MaxCost,
        Limit = section.Limit,
        Offset = section.Offset,
        ProfileCount = section.ProfileCount,
    };

    public static AttributeOptions Attributes(AttributesConfig section, string tenant, int roundingDecimals)
    {
        var index = Index(section.Indexing);
        return new AttributeOptions
        {
            IndexedSelects = index.IndexedSelects,
            StringIndexedFields = index.StringIndexedFields,
            PrefixIndexedFields = index.PrefixIndexedFields,
            SuffixIndexedFields = index.SuffixIndexedFields,
            ExistsIndexedFields = index.ExistsIndexedFields,
            NestedFields = section.Indexing.NestedFields,
            AnyContext = section.AnyContext,
            ProcessRuns = section.ProcessRuns,
            ProfileRuns = section.ProfileRuns,
            ProfileIds = section.ProfileIds,
            ProfileIgnoreFilters = section.ProfileIgnoreFilters,
            DefaultTenant = tenant,
            RoundingDecimals = roundingDecimals,
        };
    }

    public static ChargerOptions Chargers(ChargersConfig section, string tenant)
    {
        var index = Index(section.Indexing);
        return new ChargerOptions
        {
            IndexedSelects = index.IndexedSelects,
            StringIndexedFields = index.StringIndexedFields,
            PrefixIndexedFields = index.PrefixIndexedFields,
            SuffixIndexedFields = index.SuffixIndexedFields,
            ExistsIndexedFields = index.ExistsIndexedFields,
            DefaultTenant = tenant,
        };
    }
}
