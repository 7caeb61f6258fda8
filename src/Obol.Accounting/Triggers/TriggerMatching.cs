using System.Text.Json;

namespace Obol.Accounting;

/// <summary>Which triggers an action addresses (CGRateS parity: engine/action_trigger.go ActionTrigger.Match).</summary>
internal static class TriggerMatching
{
    /// <summary>No action matches every trigger. ExtraParameters <c>{"GroupID":…}</c> or <c>{"UniqueID":…}</c> pick
    /// triggers by id alone; otherwise the optional ThresholdType and the action's balance filter, applied to a balance
    /// built from the trigger's filter, must both match.</summary>
    public static bool Matches(this ActionTrigger trigger, AccountAction? action)
    {
        if (action is null)
        {
            return true;
        }
        if (action.Balance.Type is not null && action.Balance.Type != trigger.Balance.TypeOrEmpty)
        {
            return false;
        }
        var thresholdTypeMatches = true;
        if (action.ExtraParameters.Length != 0)
        {
            var (groupId, uniqueId, thresholdType) = ReadSelector(action.ExtraParameters);
            if (groupId.Length != 0)
            {
                return trigger.ID == groupId;
            }
            if (uniqueId.Length != 0)
            {
                return trigger.UniqueID == uniqueId;
            }
            thresholdTypeMatches = thresholdType.Length == 0 || trigger.ThresholdType == thresholdType;
        }
        return thresholdTypeMatches && action.Balance.Matches(trigger.Balance.CreateBalance(), "");
    }

    // Go's json.Unmarshal into a struct: field names match case-insensitively, mistyped or unknown fields are skipped,
    // and text that is not a JSON object selects nothing (the error is ignored).
    private static (string GroupId, string UniqueId, string ThresholdType) ReadSelector(string extraParameters)
    {
        string groupId = "", uniqueId = "", thresholdType = "";
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(extraParameters));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ("", "", "");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString() ?? "";
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    var value = reader.GetString() ?? "";
                    if (name.Equals("GroupID", StringComparison.OrdinalIgnoreCase))
                    {
                        groupId = value;
                    }
                    else if (name.Equals("UniqueID", StringComparison.OrdinalIgnoreCase))
                    {
                        uniqueId = value;
                    }
                    else if (name.Equals("ThresholdType", StringComparison.OrdinalIgnoreCase))
                    {
                        thresholdType = value;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // CGRateS parity: a syntax error leaves the selector empty.
            return ("", "", "");
        }
        return (groupId, uniqueId, thresholdType);
    }
}
