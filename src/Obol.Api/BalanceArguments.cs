using System.Globalization;
using System.Text.Json;
using Obol.Accounting;

namespace Obol.Api;

/// <summary>
/// The <c>Balance</c> map of the balance APIs (engine/balance_filter.go NewBalanceFilter): ID, UUID, ExpiryTime,
/// Weight, DestinationIDs, RatingSubject, Categories, SharedGroups, TimingIDs (<c>;</c>-separated), Disabled, Blocker.
/// Keys match case-insensitively, as Go decodes them.
/// </summary>
internal static class BalanceArguments
{
    public static (BalanceFilter Filter, string ExpiryTime, string? Error) Parse(Dictionary<string, JsonElement>? map)
    {
        var filter = new BalanceFilter();
        var expiry = "";
        if (map is null)
        {
            return (filter, expiry, null);
        }
        foreach (var (rawKey, value) in map)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
            switch (rawKey.ToUpperInvariant())
            {
                case "ID":
                    filter = filter with { ID = text };
                    break;
                case "UUID":
                    filter = filter with { Uuid = text };
                    break;
                case "EXPIRYTIME":
                    expiry = text;
                    break;
                case "WEIGHT":
                    if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
                    {
                        return (filter, expiry, $"invalid Weight \"{text}\"");
                    }
                    filter = filter with { Weight = weight };
                    break;
                case "DESTINATIONIDS":
                    filter = filter with { DestinationIDs = StringMap.Parse(text) };
                    break;
                case "RATINGSUBJECT":
                    filter = filter with { RatingSubject = text };
                    break;
                case "CATEGORIES":
                    filter = filter with { Categories = StringMap.Parse(text) };
                    break;
                case "SHAREDGROUPS":
                    filter = filter with { SharedGroups = StringMap.Parse(text) };
                    break;
                case "TIMINGIDS":
                    filter = filter with { TimingIDs = StringMap.Parse(text) };
                    break;
                case "DISABLED":
                    filter = filter with { Disabled = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) };
                    break;
                case "BLOCKER":
                    filter = filter with { Blocker = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) };
                    break;
            }
        }
        return (filter, expiry, null);
    }
}
