using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.CdrServer;

/// <summary>
/// CDRsV2.StoreSessionCost's rounding (V2StoreSessionCost: AsCallCost, CallCost.Round, GetRoundIncrements) done on the
/// posted EventCost itself: each charge paid from a monetary balance whose rate rounds is rounded, the correction
/// appended as a <c>*rounding</c> increment charged to the balance that paid the charge's first increment, and the
/// EventCost's Cost computed again.
/// </summary>
/// <remarks>
/// A charge that already ends in a <c>*rounding</c> increment was rounded where it was settled (SessionS's roundCost) and
/// is left as it is. CGRateS's AsCallCost drops that increment and Round computes the same correction again, so a
/// session cost its SessionS rounded is charged the correction a second time there.
/// </remarks>
internal static class SessionCostRounding
{
    private const string MetaRounding = "*rounding";

    /// <summary>One correction for <c>Responder.RefundRounding</c>: the amount (positive takes, negative gives back) for
    /// the monetary balance that paid the charge.</summary>
    public static List<Increment> Round(JsonObject eventCost, int roundingDecimals)
    {
        var corrections = new List<Increment>();
        var charges = eventCost["Charges"] as JsonArray ?? [];
        var rating = eventCost["Rating"] as JsonObject;
        var accounting = eventCost["Accounting"] as JsonObject;
        if (accounting is null)
        {
            accounting = [];
            eventCost["Accounting"] = accounting;
        }
        foreach (var charge in charges.OfType<JsonObject>())
        {
            if (RoundingOf(charge, rating) is not { } rule || charge["Increments"] is not JsonArray { Count: > 0 } increments
                || IsRounding(increments[^1], accounting) || PayingBalance(increments[0], accounting, eventCost) is not { } payer)
            {
                continue;
            }
            var sum = OneRepetition(increments);
            var correction = Rounding.Round(sum, rule.Decimals, rule.Method) - sum;
            if (correction == 0)
            {
                continue;
            }
            var id = NewAccountingId(accounting);
            accounting[id] = new JsonObject
            {
                ["AccountID"] = payer.AccountId,
                ["BalanceUUID"] = payer.BalanceUuid,
                ["RatingID"] = MetaRounding,
                ["Units"] = Number(correction),
                ["ExtraChargeID"] = "",
            };
            increments.Add(new JsonObject { ["Usage"] = 0, ["Cost"] = Number(correction), ["AccountingID"] = id, ["CompressFactor"] = 1 });
            // The increment is part of every repetition of a compressed charge.
            corrections.Add(new Increment(Usage.Zero, correction * Int(charge, "CompressFactor", 1), 1,
                new DebitInfo(null, new MonetaryDebit(payer.BalanceUuid, "", null), payer.AccountId)));
        }
        if (corrections.Count > 0)
        {
            eventCost["Cost"] = Number(Cost(charges, roundingDecimals));
        }
        return corrections;
    }

    /// <summary>EventCost.ComputeCost: each charge rounded, multiplied by its CompressFactor and rounded again.</summary>
    private static decimal Cost(JsonArray charges, int roundingDecimals)
    {
        decimal total = 0;
        foreach (var charge in charges.OfType<JsonObject>())
        {
            var one = Rounding.Round(OneRepetition(charge["Increments"] as JsonArray ?? []), roundingDecimals, RoundingMethod.Middle);
            total += Rounding.Round(one * Int(charge, "CompressFactor", 1), roundingDecimals, RoundingMethod.Middle);
        }
        return Rounding.Round(total, roundingDecimals, RoundingMethod.Middle);
    }

    /// <summary>What one repetition of a charge costs: its increments' costs, each times its own CompressFactor.</summary>
    private static decimal OneRepetition(JsonArray increments) =>
        increments.OfType<JsonObject>().Sum(i => Decimal(i, "Cost") * Int(i, "CompressFactor", 1));

    private static (int Decimals, RoundingMethod Method)? RoundingOf(JsonObject charge, JsonObject? rating)
    {
        if (Text(charge, "RatingID") is not { Length: > 0 } ratingId || rating?[ratingId] is not JsonObject unit)
        {
            return null;
        }
        var method = RoundingMethods.Parse(Text(unit, "RoundingMethod") ?? "");
        return method == RoundingMethod.None ? null : (Int(unit, "RoundingDecimals", 0), method);
    }

    private static bool IsRounding(JsonNode? increment, JsonObject accounting) =>
        increment is JsonObject inc && Text(inc, "AccountingID") is { Length: > 0 } id
        && accounting[id] is JsonObject charge && Text(charge, "RatingID") == MetaRounding;

    /// <summary>
    /// The monetary balance behind the charge's first increment (newIntervalFromCharge's Monetary): none for a free
    /// increment, one without accounting, or units of a *voice or *data balance paid by no money.
    /// </summary>
    private static (string AccountId, string BalanceUuid)? PayingBalance(JsonNode? first, JsonObject accounting, JsonObject eventCost)
    {
        if (first is not JsonObject inc || Decimal(inc, "Cost") == 0 || Text(inc, "AccountingID") is not { Length: > 0 } id
            || accounting[id] is not JsonObject charge)
        {
            return null;
        }
        var extra = Text(charge, "ExtraChargeID") ?? "";
        if (extra.Length == 0 && BalanceType(eventCost, Text(charge, "BalanceUUID")) is Meta.Voice or Meta.Data)
        {
            return null;
        }
        if (extra == Meta.None)
        {
            return null;
        }
        var paid = extra.Length == 0 ? charge : accounting[extra] as JsonObject;
        return paid is null ? null : (Text(paid, "AccountID") ?? "", Text(paid, "BalanceUUID") ?? "");
    }

    private static string? BalanceType(JsonObject eventCost, string? uuid) =>
        (eventCost["AccountSummary"]?["BalanceSummaries"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(b => Text(b, "UUID") == uuid) is { } balance ? Text(balance, "Type") : null;

    /// <summary>A fresh entry ID, as CGRateS's UUIDSha1Prefix names an EventCost's entries.</summary>
    private static string NewAccountingId(JsonObject accounting)
    {
        string id;
        do
        {
            id = Cdrs.Cgrid.NewEventId();
        }
        while (accounting.ContainsKey(id));
        return id;
    }

    /// <summary>A string field; null when absent or of another JSON type (a posted cost is the client's JSON).</summary>
    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static decimal Decimal(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0m;

    private static int Int(JsonObject node, string name, int fallback) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var n) ? n : fallback;

    /// <summary>The decimal as Go writes the float64 (no trailing zeros, no exponent noise).</summary>
    private static JsonNode Number(decimal value)
    {
        Span<char> text = stackalloc char[64];
        return JsonNode.Parse(text[..GoFloat.Format(value, text)].ToString())!;
    }
}
