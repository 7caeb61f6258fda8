namespace Obol.Primitives;

/// <summary>The <c>*</c>-prefixed words CGRateS uses as values in CSVs, events and APIs.</summary>
public static class Meta
{
    public const string Any = "*any";
    public const string Asap = "*asap";
    public const string Unlimited = "*unlimited";
    public const string Out = "*out";
    public const string Voice = "*voice";
    public const string Data = "*data";
    public const string Sms = "*sms";
    public const string Mms = "*mms";
    public const string Generic = "*generic";
    public const string Monetary = "*monetary";
    public const string MaxCostFree = "*free";
    public const string MaxCostDisconnect = "*disconnect";
    public const string Pause = "*pause";
    public const string Rounding = "*rounding";
    public const string None = "*none";
    public const string Default = "*default";
    public const string Prepaid = "*prepaid";
    public const string Postpaid = "*postpaid";
    public const string PseudoPrepaid = "*pseudoprepaid";
    public const string Rated = "*rated";
}
