using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obol.Attributes;

/// <summary>
/// An attribute's Value as either API takes it: APIerSv2's APIAttributeProfile sends the rule text
/// (<c>"~*req.Account;1001"</c>), APIerSv1's AttributeProfile sends config.RSRParsers (<c>[{"Rules":"~*req.Account"},
/// {"Rules":"1001"}]</c>), which is read back into that text, a rule holding the separator kept whole between
/// backticks. Written as the text, the form profiles are stored in.
/// </summary>
public sealed class RsrRulesJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Null:
                return "";
            case JsonTokenType.StartArray:
                List<string> rules = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    rules.Add(ReadParser(ref reader));
                }
                return string.Join(';', rules.Select(r => r.Contains(';', StringComparison.Ordinal) ? $"`{r}`" : r));
            default:
                throw new JsonException($"json: cannot unmarshal {reader.TokenType} into Go struct field Attribute.Value of type config.RSRParsers");
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The value as APIerSv1.GetAttributeProfile answers it: one <c>{"Rules":...}</c> per rule.</summary>
    public static IReadOnlyList<RsrRule> AsParsers(string value)
    {
        if (value.Length == 0)
        {
            return [];
        }
        try
        {
            return [.. RsrValueList.Parse(value, ';').Rules.Select(r => new RsrRule(r))];
        }
        catch (FormatException)
        {
            // Stored profiles were checked when set; a value that no longer splits is shown whole rather than lost.
            return [new RsrRule(value)];
        }
    }

    private static string ReadParser(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"json: cannot unmarshal {reader.TokenType} into Go value of type config.RSRParser");
        }
        var rules = "";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "Rules", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.String)
            {
                rules = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }
        return rules;
    }
}

/// <summary>config.RSRParser as it is marshalled: its rule text.</summary>
public sealed record RsrRule(string Rules);
