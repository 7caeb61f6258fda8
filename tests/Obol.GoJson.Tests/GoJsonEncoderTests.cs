using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Obol.GoJson.Tests;

public sealed class GoJsonEncoderTests
{
    private static readonly JsonSerializerOptions s_options = GoJsonOptions.Create();
    private static readonly JsonSerializerOptions s_builtInAllRanges = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // Expected texts are Go's json.Marshal of the same string (Go 1.22+ for \b and \f).
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("<a&b>", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("it's 1+1=`2`", "\"it's 1+1=`2`\"")]
    [InlineData("café €5 😀", "\"café €5 😀\"")]
    [InlineData("quote\" back\\slash /", "\"quote\\\" back\\\\slash /\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("a\u2028b\u2029c", "\"a\\u2028b\\u2029c\"")]
    [InlineData("*unlimited", "\"*unlimited\"")]
    public void Serialize_String_EscapesLikeGo(string value, string expected)
    {
        Assert.Equal(expected, JsonSerializer.Serialize(value, s_options));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), JsonSerializer.SerializeToUtf8Bytes(value, s_options));
    }

    [Fact]
    public void Serialize_LoneSurrogate_WritesReplacementEscape() =>
        Assert.Equal("\"a\\ufffdb\"", JsonSerializer.Serialize("a\ud800b", s_options));

    [Fact]
    public void Serialize_PropertyName_EscapesLikeGo() =>
        Assert.Equal(
            "{\"\\u003ckey\\u003e\":\"é\"}",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["<key>"] = "é" }, s_options));

    [Fact]
    public void Serialize_Utf8SourceThroughJsonElement_EscapesLikeGo()
    {
        var element = JsonSerializer.Deserialize<JsonElement>("\"<é>\\u0026'\"");
        Assert.Equal("\"\\u003cé\\u003e\\u0026'\"", JsonSerializer.Serialize(element, s_options));
    }

    // Why GoJsonEncoder exists: the closest built-in encoder still differs from Go.
    [Fact]
    public void BuiltInEncoder_UnicodeRangesAll_DiffersFromGo()
    {
        Assert.Equal("\"\\u003Cé\\u0027\\u002B\"", JsonSerializer.Serialize("<é'+", s_builtInAllRanges));
        Assert.Equal("\"\\u003cé'+\"", JsonSerializer.Serialize("<é'+", s_options));
    }

    [Theory]
    [InlineData('<', true)]
    [InlineData('"', true)]
    [InlineData('\u001f', true)]
    [InlineData('\u2028', true)]
    [InlineData('\'', false)]
    [InlineData('+', false)]
    [InlineData('é', false)]
    [InlineData('\u007f', false)]
    public void WillEncode_Character_MatchesGoEscapeSet(char c, bool expected) =>
        Assert.Equal(expected, GoJsonEncoder.Instance.WillEncode(c));
}
