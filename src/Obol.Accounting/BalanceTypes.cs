namespace Obol.Accounting;

/// <summary>The balance types of CGRateS accounts.</summary>
public static class BalanceTypes
{
    public const string Monetary = "*monetary";
    public const string Voice = "*voice";
    public const string Sms = "*sms";
    public const string Mms = "*mms";
    public const string Data = "*data";
    public const string Generic = "*generic";

    public static readonly IReadOnlyList<string> All = [Monetary, Voice, Sms, Mms, Data, Generic];

    public static bool IsKnown(string type) => All.Contains(type);
}
