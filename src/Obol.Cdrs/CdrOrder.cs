namespace Obol.Cdrs;

/// <summary>The fields RPCCDRsFilter.OrderBy can name (<c>"AnswerTime"</c>, <c>"Cost;desc"</c>).</summary>
public enum CdrSortField
{
    OrderId,
    AnswerTime,
    SetupTime,
    Usage,
    Cost,
}

/// <summary>One OrderBy value: a field and a direction.</summary>
public readonly record struct CdrOrder(CdrSortField Field, bool Descending)
{
    /// <summary>Parses <c>Field[;desc]</c> as GetCDRs does; anything but <c>desc</c> after the separator is ascending.
    /// The error is CGRateS's: <c>Invalid value : X</c>.</summary>
    public static bool TryParse(string text, out CdrOrder order, out string? error)
    {
        order = default;
        error = null;
        var parts = text.Split(';');
        CdrSortField field;
        switch (parts[0])
        {
            case CdrFields.OrderId: field = CdrSortField.OrderId; break;
            case CdrFields.AnswerTime: field = CdrSortField.AnswerTime; break;
            case CdrFields.SetupTime: field = CdrSortField.SetupTime; break;
            case CdrFields.Usage: field = CdrSortField.Usage; break;
            case CdrFields.Cost: field = CdrSortField.Cost; break;
            default:
                error = $"Invalid value : {parts[0]}";
                return false;
        }
        order = new CdrOrder(field, parts.Length == 2 && parts[1] == "desc");
        return true;
    }

    public override string ToString() => Field switch
    {
        CdrSortField.OrderId => CdrFields.OrderId,
        CdrSortField.AnswerTime => CdrFields.AnswerTime,
        CdrSortField.SetupTime => CdrFields.SetupTime,
        CdrSortField.Usage => CdrFields.Usage,
        _ => CdrFields.Cost,
    } + (Descending ? ";desc" : "");
}
