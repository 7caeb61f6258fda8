namespace Obol.TariffPlans;

/// <summary>
/// Filter IDs starting with <c>*</c> are inline filters, <c>*type:element:values</c> (engine/filters.go
/// NewFilterFromInline); CGRateS rejects a plan whose inline filter does not parse (verifyInlineFilterS).
/// </summary>
internal static class InlineFilters
{
    public static bool IsInline(string filterId) => filterId.StartsWith('*');

    /// <summary>Null when <paramref name="filterId"/> is a valid inline filter, else why not.</summary>
    public static string? Problem(string filterId)
    {
        // utils.SplitPath: separators inside [...] indexes do not split.
        var colons = 0;
        var typeEnd = -1;
        var nesting = 0;
        for (var i = 0; i < filterId.Length && colons < 2; i++)
        {
            switch (filterId[i])
            {
                case '[':
                    nesting++;
                    break;
                case ']':
                    nesting--;
                    break;
                case ':' when nesting == 0:
                    colons++;
                    if (typeEnd < 0)
                    {
                        typeEnd = i;
                    }
                    break;
            }
        }
        if (colons < 2)
        {
            return $"invalid inline filter \"{filterId}\" (expected *type:element:values)";
        }
        var type = filterId[..typeEnd];
        if (!PlanVocabulary.FilterTypes.Contains(PlanVocabulary.BaseFilterType(type)))
        {
            return $"unsupported filter type \"{type}\" in inline filter \"{filterId}\"";
        }
        return null;
    }
}
