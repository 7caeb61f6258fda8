namespace Obol.Attributes;

/// <summary>The substitution types of engine/attributes.go ParseAttribute. An empty type is <c>*variable</c>.</summary>
public enum SubstitutionType : byte
{
    /// <summary><c>*variable</c>: the rules read from the event, concatenated.</summary>
    Variable,

    /// <summary><c>*constant</c>: the rules as written (a <c>~path</c> rule reads as empty).</summary>
    Constant,

    /// <summary><c>*composed</c>: the current value of the path followed by the <c>*variable</c> result.</summary>
    Composed,

    /// <summary><c>*none</c>: sets the field to the empty string.</summary>
    None,

    /// <summary><c>*usage_difference</c>: two times, the first minus the second, as a Go duration.</summary>
    UsageDifference,

    /// <summary><c>*sum</c>: utils.Sum of the rules read as typed values.</summary>
    Sum,

    /// <summary><c>*difference</c>: utils.Difference.</summary>
    Difference,

    /// <summary><c>*multiply</c>: utils.Multiply.</summary>
    Multiply,

    /// <summary><c>*divide</c>: utils.Divide.</summary>
    Divide,

    /// <summary><c>*value_exponent</c>: value × 10^exponent, rounded to general.rounding_decimals.</summary>
    ValueExponent,

    /// <summary><c>*unix_timestamp</c>: a time as Unix seconds.</summary>
    UnixTimestamp,

    /// <summary><c>*datetime</c>: a time as RFC3339.</summary>
    DateTime,

    /// <summary><c>*prefix</c>: the rules' text in front of the path's current value.</summary>
    Prefix,

    /// <summary><c>*suffix</c>: the rules' text after the path's current value.</summary>
    Suffix,

    /// <summary><c>*cc_usage</c>: Diameter CC usage from request number, used time and debit interval.</summary>
    CcUsage,

    /// <summary><c>*sipcid</c>: the first rule, then the other non-empty ones sorted, joined with <c>;</c>.</summary>
    SipCid,
}

/// <summary>The wire names of <see cref="SubstitutionType"/>.</summary>
public static class SubstitutionTypes
{
    public const string MetaVariable = "*variable";
    public const string MetaConstant = "*constant";
    public const string MetaComposed = "*composed";
    public const string MetaNone = "*none";
    public const string MetaUsageDifference = "*usage_difference";
    public const string MetaSum = "*sum";
    public const string MetaDifference = "*difference";
    public const string MetaMultiply = "*multiply";
    public const string MetaDivide = "*divide";
    public const string MetaValueExponent = "*value_exponent";
    public const string MetaUnixTimestamp = "*unix_timestamp";
    public const string MetaDateTime = "*datetime";
    public const string MetaPrefix = "*prefix";
    public const string MetaSuffix = "*suffix";
    public const string MetaCcUsage = "*cc_usage";
    public const string MetaSipCid = "*sipcid";

    /// <summary>The value that removes the field instead of setting it.</summary>
    public const string MetaRemove = "*remove";

    public static bool TryParse(string text, out SubstitutionType type)
    {
        type = text switch
        {
            "" or MetaVariable => SubstitutionType.Variable,
            MetaConstant => SubstitutionType.Constant,
            MetaComposed => SubstitutionType.Composed,
            MetaNone => SubstitutionType.None,
            MetaUsageDifference => SubstitutionType.UsageDifference,
            MetaSum => SubstitutionType.Sum,
            MetaDifference => SubstitutionType.Difference,
            MetaMultiply => SubstitutionType.Multiply,
            MetaDivide => SubstitutionType.Divide,
            MetaValueExponent => SubstitutionType.ValueExponent,
            MetaUnixTimestamp => SubstitutionType.UnixTimestamp,
            MetaDateTime => SubstitutionType.DateTime,
            MetaPrefix => SubstitutionType.Prefix,
            MetaSuffix => SubstitutionType.Suffix,
            MetaCcUsage => SubstitutionType.CcUsage,
            MetaSipCid => SubstitutionType.SipCid,
            _ => (SubstitutionType)byte.MaxValue,
        };
        return type != (SubstitutionType)byte.MaxValue;
    }

    /// <summary>The value counts CGRateS checks while processing, checked here when the profile is compiled.</summary>
    internal static (int Min, int Max) ValueCount(SubstitutionType type) => type switch
    {
        SubstitutionType.UsageDifference or SubstitutionType.ValueExponent => (2, 2),
        SubstitutionType.CcUsage => (3, 3),
        SubstitutionType.Sum or SubstitutionType.Difference or SubstitutionType.Multiply or SubstitutionType.Divide => (2, int.MaxValue),
        SubstitutionType.SipCid => (1, int.MaxValue),
        _ => (0, int.MaxValue),
    };
}
