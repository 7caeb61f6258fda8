namespace Obol.Thresholds;

/// <summary>
/// Which account a threshold's actions run on, the way CGRateS picks it from the event: AccountID for AccountUpdate
/// events (AccountS publishes those with the account under that name), Account otherwise, and the *accountID option
/// overriding both because callers use it to aim actions at an account the event does not mention.
/// </summary>
public static class EventAccount
{
    public const string AccountField = "Account";
    public const string AccountIdField = "AccountID";
    public const string AccountUpdate = "AccountUpdate";
    public const string MetaEventType = "*eventType";
    public const string MetaAccountId = "*accountID";

    public static string? Resolve(IReadOnlyDictionary<string, object?> fields, IReadOnlyDictionary<string, object?> options)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(options);
        var field = options.TryGetValue(MetaEventType, out var eventType) && AsString(eventType) == AccountUpdate
            ? AccountIdField
            : AccountField;
        var account = fields.TryGetValue(field, out var value) ? AsString(value) : "";
        if (options.TryGetValue(MetaAccountId, out var overriding))
        {
            account = AsString(overriding);
        }
        return account.Length == 0 ? null : account;
    }

    private static string AsString(object? value) => value switch
    {
        null => "",
        string text => text,
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
