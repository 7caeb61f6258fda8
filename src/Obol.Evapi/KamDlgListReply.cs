using System.Buffers;
using System.Text.Json;

namespace Obol.Evapi;

/// <summary>
/// CGR_DLG_LIST_REPLY: <c>{"event":"CGR_DLG_LIST_REPLY","jsonrpl_body":&lt;Kamailio JSON-RPC reply&gt;}</c>. Keys
/// match case-insensitively, as Go's struct decoding does (CGRateS's own tests send "Jsonrpl_body").
/// </summary>
public sealed class KamDlgListReply
{
    private KamDlgListReply(string? eventName, IReadOnlyList<KamDialog> dialogs)
    {
        Event = eventName;
        Dialogs = dialogs;
    }

    public string? Event { get; }

    /// <summary>The JSON-RPC result entries; empty when the body or its result is absent or null.</summary>
    public IReadOnlyList<KamDialog> Dialogs { get; }

    /// <exception cref="EvapiProtocolException">Not JSON, or a field CGRateS reads has the wrong JSON type.</exception>
    public static KamDlgListReply Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return Parse(ref reader);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static KamDlgListReply Parse(in ReadOnlySequence<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return Parse(ref reader);
    }

    /// <summary>The session IDs SessionS keeps after a sync; <paramref name="defaultOriginHost"/> is the Kamailio address.</summary>
    public IReadOnlyList<KamSessionId> ToSessionIds(string defaultOriginHost) =>
        [.. Dialogs.Select(d => d.ToSessionId(defaultOriginHost))];

    private static KamDlgListReply Parse(ref Utf8JsonReader reader)
    {
        try
        {
            reader.Read();
            ExpectStartObject(ref reader, "CGR_DLG_LIST_REPLY");
            string? eventName = null;
            IReadOnlyList<KamDialog> dialogs = [];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (Is(key, "event"))
                {
                    eventName = ReadOptionalString(ref reader, key);
                }
                else if (Is(key, KamFields.JsonRplBody) && reader.TokenType != JsonTokenType.Null)
                {
                    dialogs = ReadBody(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            return new KamDlgListReply(eventName, dialogs);
        }
        catch (JsonException ex)
        {
            throw new EvapiProtocolException($"CGR_DLG_LIST_REPLY is not valid JSON: {ex.Message}", ex);
        }
    }

    private static List<KamDialog> ReadBody(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, KamFields.JsonRplBody);
        var dialogs = new List<KamDialog>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!Is(key, "result") || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new EvapiProtocolException($"jsonrpl_body.result is a JSON {reader.TokenType}, not an array");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Null)
                {
                    dialogs.Add(ReadDialog(ref reader));
                }
            }
        }
        return dialogs;
    }

    private static KamDialog ReadDialog(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "dialog");
        var dialog = new KamDialog();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (Is(key, "call-id"))
            {
                dialog = dialog with { CallId = ReadOptionalString(ref reader, key) ?? dialog.CallId };
            }
            else if (Is(key, "from_tag"))
            {
                dialog = dialog with { FromTag = ReadOptionalString(ref reader, key) ?? dialog.FromTag };
            }
            else if (Is(key, "caller") && reader.TokenType != JsonTokenType.Null)
            {
                dialog = dialog with { CallerTag = ReadCallerTag(ref reader) };
            }
            else if (Is(key, "variables") && reader.TokenType != JsonTokenType.Null)
            {
                dialog = ReadVariables(ref reader, dialog);
            }
            else if (Is(key, KamFields.HashEntry) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var entry))
            {
                dialog = dialog with { HashEntry = entry };
            }
            else if (Is(key, KamFields.HashId) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id))
            {
                dialog = dialog with { HashId = id };
            }
            else
            {
                reader.Skip();
            }
        }
        return dialog;
    }

    private static string ReadCallerTag(ref Utf8JsonReader reader)
    {
        ExpectStartObject(ref reader, "caller");
        var tag = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (Is(key, "tag"))
            {
                tag = ReadOptionalString(ref reader, key) ?? tag;
            }
            else
            {
                reader.Skip();
            }
        }
        return tag;
    }

    private static KamDialog ReadVariables(ref Utf8JsonReader reader, KamDialog dialog)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new EvapiProtocolException($"dialog variables are a JSON {reader.TokenType}, not an array");
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }
            ExpectStartObject(ref reader, "dialog variable");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                reader.Read();
                if (Is(key, "cgrOriginID") && ReadOptionalString(ref reader, key) is { Length: > 0 } originId)
                {
                    dialog = dialog with { CgrOriginId = originId };
                }
                else if (Is(key, "cgrOriginHost") && ReadOptionalString(ref reader, key) is { Length: > 0 } originHost)
                {
                    dialog = dialog with { CgrOriginHost = originHost };
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        return dialog;
    }

    private static string? ReadOptionalString(ref Utf8JsonReader reader, string key) => reader.TokenType switch
    {
        JsonTokenType.String => KamEventParser.ReadString(ref reader),
        JsonTokenType.Null => null,
        _ => throw new EvapiProtocolException($"dialog list field '{key}' is a JSON {reader.TokenType}, not a string"),
    };

    private static void ExpectStartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EvapiProtocolException($"{what} is a JSON {reader.TokenType}, not an object");
        }
    }

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);
}
