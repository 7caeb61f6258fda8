using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.CdrServer;

/// <summary>
/// What CDRs reads back from a CDR's CostDetails (the EventCost JSON): its usage and cost (EventCost.GetUsage,
/// GetCost) and the increments to refund with the balances that paid them (EventCost.AsRefundIncrements).
/// </summary>
internal sealed class StoredEventCost
{
    private StoredEventCost(Usage usage, decimal cost, List<Increment> increments, bool accounted)
    {
        Usage = usage;
        Cost = cost;
        Increments = increments;
        Accounted = accounted;
    }

    public Usage Usage { get; }

    public decimal Cost { get; }

    /// <summary>Every charge's increments, a charge repeated CompressFactor times; BalanceInfo set where Accounting names one.</summary>
    public IReadOnlyList<Increment> Increments { get; }

    /// <summary>Whether any increment names the balance that paid it. A debited cost without any (one stored before
    /// SessionS and CDRs recorded them) cannot be given back.</summary>
    public bool Accounted { get; }

    public static bool TryParse(string json, int roundingDecimals, [NotNullWhen(true)] out StoredEventCost? cost, [NotNullWhen(false)] out string? error)
    {
        cost = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "CostDetails is not an EventCost object";
                return false;
            }
            var accounting = ReadAccounting(root);
            var increments = new List<Increment>();
            long usage = 0;
            decimal total = 0;
            var accounted = false;
            foreach (var charge in Array(root, "Charges"))
            {
                var factor = Int(charge, "CompressFactor", 1);
                var parsed = Array(charge, "Increments").Select(i => (Usage: Long(i, "Usage"), Cost: Decimal(i, "Cost"),
                    Factor: Int(i, "CompressFactor", 1), Id: Text(i, "AccountingID"))).ToList();
                decimal sum = 0;
                foreach (var inc in parsed)
                {
                    usage += inc.Usage * inc.Factor * factor;
                    sum += inc.Cost * inc.Factor;
                }
                // EventCost.ComputeCost: each charge rounded, then multiplied and rounded again.
                total += Rounding.Round(Rounding.Round(sum, roundingDecimals, RoundingMethod.Middle) * factor, roundingDecimals, RoundingMethod.Middle);
                for (var k = 0; k < factor; k++)
                {
                    foreach (var inc in parsed)
                    {
                        var info = DebitFor(inc.Id, accounting);
                        accounted |= info is not null;
                        increments.Add(new Increment(new Usage(inc.Usage), inc.Cost, inc.Factor, info));
                    }
                }
            }
            var storedUsage = root.TryGetProperty(nameof(Usage), out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt64() : usage;
            var storedCost = root.TryGetProperty(nameof(Cost), out var c) && c.ValueKind == JsonValueKind.Number
                ? decimal.Parse(c.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                : Rounding.Round(total, roundingDecimals, RoundingMethod.Middle);
            cost = new StoredEventCost(new Usage(storedUsage), storedCost, increments, accounted);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// AsRefundIncrements' BalanceInfo: a unit balance's charge (one carrying an ExtraChargeID, <c>*none</c> when the
    /// units were free) refunds usage × factor to that balance and, through the extra charge, the increment's cost to
    /// the money balance; any other charge refunds the cost to its (monetary) balance. CGRateS tells the two apart by
    /// the AccountSummary, which costs stored by earlier versions lack; newChargingIncrement's shape says the same.
    /// </summary>
    private static DebitInfo? DebitFor(string accountingId, Dictionary<string, Charge> accounting)
    {
        if (accountingId.Length == 0 || !accounting.TryGetValue(accountingId, out var charge))
        {
            return null;
        }
        if (charge.ExtraChargeId.Length == 0)
        {
            return new DebitInfo(null, new MonetaryDebit(charge.BalanceUuid, "", null), charge.AccountId);
        }
        var unit = new UnitDebit(charge.BalanceUuid, "", "", 0, charge.Factor == 0 ? 1 : charge.Factor, "", "", null);
        var extra = charge.ExtraChargeId != Meta.None && accounting.TryGetValue(charge.ExtraChargeId, out var paid)
            ? new MonetaryDebit(paid.BalanceUuid, "", null)
            : null;
        return new DebitInfo(unit, extra, charge.AccountId);
    }

    private static Dictionary<string, Charge> ReadAccounting(JsonElement root)
    {
        var charges = new Dictionary<string, Charge>(StringComparer.Ordinal);
        if (TryField(root, "Accounting", JsonValueKind.Object, out var accounting))
        {
            foreach (var entry in accounting.EnumerateObject())
            {
                charges[entry.Name] = new Charge(Text(entry.Value, "AccountID"), Text(entry.Value, "BalanceUUID"), Decimal(entry.Value, "BalanceFactor"),
                    Text(entry.Value, "ExtraChargeID"));
            }
        }
        return charges;
    }

    /// <summary>The field, when present and not null; one of another JSON type than the EventCost's Go field is refused,
    /// as Go's unmarshalling refuses it, rather than read as empty.</summary>
    /// <exception cref="FormatException">The field, or the value holding it, has another JSON type.</exception>
    private static bool TryField(JsonElement parent, string name, JsonValueKind kind, out JsonElement value)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected an object with {name}, got {JsonKinds.Describe(parent.ValueKind)}");
        }
        if (!parent.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return value.ValueKind == kind ? true : throw new FormatException($"{name}: expected {JsonKinds.Describe(kind)}, got {JsonKinds.Describe(value.ValueKind)}");
    }

    private static JsonElement[] Array(JsonElement parent, string name) =>
        TryField(parent, name, JsonValueKind.Array, out var items) ? [.. items.EnumerateArray()] : [];

    private static string Text(JsonElement parent, string name) =>
        TryField(parent, name, JsonValueKind.String, out var value) ? value.GetString() ?? "" : "";

    private static long Long(JsonElement parent, string name) =>
        TryField(parent, name, JsonValueKind.Number, out var value) ? value.GetInt64() : 0;

    private static int Int(JsonElement parent, string name, int fallback) =>
        TryField(parent, name, JsonValueKind.Number, out var value) ? value.GetInt32() : fallback;

    private static decimal Decimal(JsonElement parent, string name) =>
        TryField(parent, name, JsonValueKind.Number, out var value)
            ? decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0;

    private sealed record Charge(string AccountId, string BalanceUuid, decimal Factor, string ExtraChargeId);
}
