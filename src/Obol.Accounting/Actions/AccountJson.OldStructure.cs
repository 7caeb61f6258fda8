using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Obol.Accounting;

/// <summary>
/// engine.Account.AsOldStructure, which APIerSv1.GetAccount and GetAccounts answer: the account ID and each balance
/// type with CGRateS's old <c>*out</c> direction, string sets as <c>;</c>-joined keys, triggers with their balance
/// filter spread into Balance… fields, unit counters as lists of balances built from their filters.
/// </summary>
public static partial class AccountJson
{
    private const string OutDirection = "*out";

    public static void WriteOldStructureUtf8(Account account, IBufferWriter<byte> output, JavaScriptEncoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var w = new Utf8JsonWriter(output, encoder is null ? s_options : new JsonWriterOptions { Encoder = encoder });
        w.WriteStartObject();
        w.WriteString("Id"u8, OutDirection + ":" + account.Id);
        w.WriteStartObject("BalanceMap"u8);
        foreach (var type in account.BalanceMap.Keys.Where(t => account.BalanceMap[t].Count > 0).Select(t => t + OutDirection).Order(StringComparer.Ordinal))
        {
            w.WritePropertyName(type);
            WriteList(w, account.BalanceMap[type[..^OutDirection.Length]], WriteOldBalance);
        }
        w.WriteEndObject();
        w.WritePropertyName("UnitCounters"u8);
        WriteList(w, OldUnitCounters(account), (w, counter) =>
        {
            if (counter is not { } c)
            {
                w.WriteNullValue();
                return;
            }
            w.WriteStartObject();
            w.WriteString("BalanceType"u8, c.Type);
            w.WritePropertyName("Balances"u8);
            WriteList(w, c.Counter.Counters, (w, entry) => WriteOldBalance(w, entry.Filter.CreateBalance()));
            w.WriteEndObject();
        });
        w.WritePropertyName("ActionTriggers"u8);
        WriteList(w, account.ActionTriggers, WriteOldTrigger);
        w.WriteBoolean("AllowNegative"u8, account.AllowNegative);
        w.WriteBoolean("Disabled"u8, account.Disabled);
        w.WriteEndObject();
    }

    // Go sizes the list by the number of counter types and fills it by each type's own index, so a later type's counter
    // takes the place of an earlier one's at the same index; types go in key order here, where Go's map order is random.
    private static (string Type, UnitCounter Counter)?[] OldUnitCounters(Account account)
    {
        var slots = new (string, UnitCounter)?[account.UnitCounters.Count];
        foreach (var type in account.UnitCounters.Keys.Order(StringComparer.Ordinal))
        {
            var counters = account.UnitCounters[type];
            for (var i = 0; i < counters.Count && i < slots.Length; i++)
            {
                slots[i] = (type, counters[i]);
            }
        }
        return slots;
    }

    private static void WriteOldBalance(Utf8JsonWriter w, Balance b)
    {
        w.WriteStartObject();
        w.WriteString("Uuid"u8, b.Uuid);
        w.WriteString("Id"u8, b.ID);
        WriteNumber(w, "Value"u8, b.Value);
        WriteTime(w, "ExpirationDate"u8, b.ExpirationDate);
        WriteNumber(w, "Weight"u8, b.Weight);
        w.WriteString("DestinationIds"u8, Keys(b.DestinationIDs));
        w.WriteString("RatingSubject"u8, b.RatingSubject);
        w.WriteString("Category"u8, Keys(b.Categories));
        w.WriteString("SharedGroup"u8, Keys(b.SharedGroups));
        WriteTimings(w, b.Timings.Count == 0 ? null : b.Timings);
        w.WriteString("TimingIDs"u8, Keys(b.TimingIDs));
        w.WriteBoolean("Disabled"u8, b.Disabled);
        w.WriteEndObject();
    }

    private static void WriteOldTrigger(Utf8JsonWriter w, ActionTrigger at)
    {
        var b = at.Balance.CreateBalance();
        w.WriteStartObject();
        w.WriteString("Id"u8, at.ID);
        w.WriteString("ThresholdType"u8, at.ThresholdType);
        WriteNumber(w, "ThresholdValue"u8, at.ThresholdValue);
        w.WriteBoolean("Recurrent"u8, at.Recurrent);
        w.WriteNumber("MinSleep"u8, at.MinSleep.Nanoseconds);
        w.WriteString("BalanceId"u8, b.ID);
        w.WriteString("BalanceType"u8, at.Balance.TypeOrEmpty);
        w.WriteString("BalanceDestinationIds"u8, Keys(b.DestinationIDs));
        WriteNumber(w, "BalanceWeight"u8, b.Weight);
        WriteTime(w, "BalanceExpirationDate"u8, b.ExpirationDate);
        w.WriteString("BalanceTimingTags"u8, Keys(b.TimingIDs));
        w.WriteString("BalanceRatingSubject"u8, b.RatingSubject);
        w.WriteString("BalanceCategory"u8, Keys(b.Categories));
        w.WriteString("BalanceSharedGroup"u8, Keys(b.SharedGroups));
        w.WriteBoolean("BalanceDisabled"u8, b.Disabled);
        WriteNumber(w, "Weight"u8, at.Weight);
        w.WriteString("ActionsId"u8, at.ActionsId);
        w.WriteNumber("MinQueuedItems"u8, 0);
        w.WriteBoolean("Executed"u8, at.Executed);
        w.WriteEndObject();
    }

    // utils.StringMap.String: the keys joined by ';', without the negation marks.
    private static string Keys(StringMap? map) => map is null ? "" : string.Join(';', map.Keys.Order(StringComparer.Ordinal));
}
