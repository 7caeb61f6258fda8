using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;

namespace Obol.Cdrs;

public sealed partial class CdrQuery
{
    /// <summary>
    /// utils.AttrGetCdrs, the older filter APIerSv1.GetCDRs takes, through its AsCDRsFilter: CgrIds, MediationRunIds,
    /// TORs, CdrHosts, CdrSources, ReqTypes... under their old names, TimeStart/TimeEnd bounding the answer time, and
    /// SkipRated (unrated only) or SkipErrors (no errored ones) as CGRateS's MaxCost −1 special cases.
    /// </summary>
    public static bool TryReadAttrGetCdrs(JsonElement root, DateTimeZone timezone, Instant now,
        [NotNullWhen(true)] out CdrQuery? query, [NotNullWhen(false)] out string? error) =>
        TryBuild(root, timezone, now, BuildFromAttrGetCdrs, out query, out error);

    private static CdrQuery BuildFromAttrGetCdrs(ArgReader reader, CdrOrder? orderBy)
    {
        var skipRated = reader.Bool("SkipRated");
        var skipErrors = reader.Bool("SkipErrors");
        return new CdrQuery
        {
            Cgrids = reader.Strings("CgrIds"),
            RunIds = reader.Strings("MediationRunIds"),
            ToRs = reader.Strings("TORs"),
            OriginHosts = reader.Strings("CdrHosts"),
            Sources = reader.Strings("CdrSources"),
            RequestTypes = reader.Strings("ReqTypes"),
            Tenants = reader.Strings("Tenants"),
            Categories = reader.Strings("Categories"),
            Accounts = reader.Strings("Accounts"),
            Subjects = reader.Strings("Subjects"),
            DestinationPrefixes = reader.Strings("DestinationPrefixes"),
            OrderIdStart = reader.Int64("OrderIdStart"),
            OrderIdEnd = reader.Int64("OrderIdEnd"),
            AnswerTimeStart = reader.Time("TimeStart"),
            AnswerTimeEnd = reader.Time("TimeEnd"),
            OrderBy = orderBy,
            Limit = reader.Int("Limit"),
            Offset = reader.Int("Offset"),
            MinCost = !skipRated && skipErrors ? 0m : null,
            MaxCost = skipRated || skipErrors ? -1m : null,
        };
    }
}
