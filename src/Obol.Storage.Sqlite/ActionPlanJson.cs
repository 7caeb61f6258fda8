using System.Buffers;
using System.Text.Json;
using Obol.Accounting.Scheduling;

namespace Obol.Storage.Sqlite;

/// <summary>
/// An action plan as stored JSON: its id, bound accounts (sorted) and timings with their uuids, which key the
/// scheduler's stored runs. A schedule is kept as the timing fields it was created from and rebuilt with
/// <see cref="ActionTimingSchedule.TryCreate"/>; predefined timings (<c>*monthly</c>...) are created from such fields
/// too, fixed at the time they were set, so they rebuild the same.
/// </summary>
public static class ActionPlanJson
{
    public static string Write(ActionPlan plan)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Id", plan.Id);
            json.WriteStartArray("AccountIds");
            foreach (var id in plan.AccountIds.Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
            json.WriteStartArray("ActionTimings");
            foreach (var timing in plan.ActionTimings)
            {
                Write(json, timing);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="InvalidDataException">The text is not a plan this writer wrote, or holds a timing that no
    /// longer parses.</exception>
    public static ActionPlan Read(string text) => StoredJson.Parse(text, root => new ActionPlan(
        StoredJson.String(root, "Id") ?? "",
        [.. root.GetProperty("ActionTimings").EnumerateArray().Select(ReadTiming)],
        root.GetProperty("AccountIds").EnumerateArray().Select(a => a.GetString() ?? "").ToHashSet(StringComparer.Ordinal)));

    private static void Write(Utf8JsonWriter json, ActionTiming timing)
    {
        var schedule = timing.Schedule;
        json.WriteStartObject();
        json.WriteString("Uuid", timing.Uuid);
        json.WriteString("ActionsId", timing.ActionsId);
        json.WriteNumber("Weight", timing.Weight);
        json.WriteString("TimingId", schedule.TimingId);
        WriteInts(json, "Years", schedule.Years);
        WriteInts(json, "Months", schedule.Months);
        WriteInts(json, "MonthDays", schedule.MonthDays);
        WriteInts(json, "WeekDays", schedule.WeekDays);
        json.WriteString("StartTime", schedule.StartTime);
        json.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter json, string name, IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }
        json.WriteEndArray();
    }

    private static ActionTiming ReadTiming(JsonElement e)
    {
        var timingId = StoredJson.String(e, "TimingId") ?? "";
        var startTime = StoredJson.String(e, "StartTime") ?? "";
        if (!ActionTimingSchedule.TryCreate(timingId, ReadInts(e, "Years"), ReadInts(e, "Months"), ReadInts(e, "MonthDays"), ReadInts(e, "WeekDays"),
            startTime, out var schedule, out var error))
        {
            throw new InvalidDataException($"timing \"{timingId}\": {error}");
        }
        return new ActionTiming(e.GetProperty("Uuid").GetString() ?? "", schedule, StoredJson.String(e, "ActionsId") ?? "", StoredJson.Decimal(e, "Weight") ?? 0m);
    }

    private static int[] ReadInts(JsonElement e, string name) =>
        e.TryGetProperty(name, out var values) ? [.. values.EnumerateArray().Select(v => v.GetInt32())] : [];
}
