using System.Text.Json;

namespace Obol.Engine.Tests.OpenSips;

/// <summary>
/// A cgrates_auth/cgrates_cmd outcome as the script sees it: the return code (<c>$rc</c>) and <c>$cgr_ret(name)</c>
/// (cgrates_set_reply_with_values: numbers and booleans become integers, strings lose their quotes, objects and arrays
/// stay JSON text, nulls are skipped; the error text when the engine failed).
/// </summary>
internal sealed record CgrReturn(int Rc, ModuleReply Reply, IReadOnlyDictionary<string, object> Ret)
{
    /// <summary>cgr_proc_auth_reply: error -2; a missing MaxUsage -1; MaxUsage 0 -2; otherwise 1.</summary>
    public static CgrReturn FromAuthorize(ModuleReply reply)
    {
        if (reply.Error is not null)
        {
            return new CgrReturn(-2, reply, new Dictionary<string, object>());
        }
        var ret = Values(reply.Result);
        var rc = !ret.TryGetValue("MaxUsage", out var maxUsage) || maxUsage is not int seconds ? -1 : seconds == 0 ? -2 : 1;
        return new CgrReturn(rc, reply, ret);
    }

    /// <summary>cgr_proc_cmd_reply: error -2, otherwise 1.</summary>
    public static CgrReturn FromCommand(ModuleReply reply) =>
        new(reply.Error is null ? 1 : -2, reply, reply.Error is null ? Values(reply.Result) : new Dictionary<string, object>());

    private static Dictionary<string, object> Values(JsonElement? result)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        if (result is not { ValueKind: JsonValueKind.Object } reply)
        {
            return values;
        }
        foreach (var field in reply.EnumerateObject())
        {
            var v = field.Value;
            switch (v.ValueKind)
            {
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.Number when !JsonC.IsInt(v):
                    values[field.Name] = (int)v.GetDouble(); // "lower precision to int"
                    break;
                case JsonValueKind.Number:
                    // The module's int branch falls through to its boolean test: any non-zero integer reads as 1.
                    values[field.Name] = v.GetInt64() != 0 ? 1 : 0;
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values[field.Name] = v.GetBoolean() ? 1 : 0;
                    break;
                case JsonValueKind.String:
                    values[field.Name] = v.GetString()!;
                    break;
                default:
                    values[field.Name] = JsonC.Serialize(v);
                    break;
            }
        }
        return values;
    }
}
