using System.Text.Json;

namespace Obol.GoJson.Tests;

public sealed class GoMapConverterFactoryTests
{
    private static readonly JsonSerializerOptions s_options = GoJsonOptions.Create();

    [Fact]
    public void Write_Dictionary_SortsKeysLikeGo()
    {
        var map = new Dictionary<string, int> { ["b"] = 1, ["a"] = 2, ["B"] = 3, ["ab"] = 4, [""] = 5 };
        Assert.Equal("{\"\":5,\"B\":3,\"a\":2,\"ab\":4,\"b\":1}", JsonSerializer.Serialize(map, s_options));
    }

    [Fact]
    public void Write_InterfaceTypedMaps_SortKeys()
    {
        IDictionary<string, string> map = new Dictionary<string, string> { ["z"] = "1", ["y"] = "2" };
        IReadOnlyDictionary<string, string> readOnly = new Dictionary<string, string> { ["z"] = "1", ["y"] = "2" };
        Assert.Equal("{\"y\":\"2\",\"z\":\"1\"}", JsonSerializer.Serialize(map, s_options));
        Assert.Equal("{\"y\":\"2\",\"z\":\"1\"}", JsonSerializer.Serialize(readOnly, s_options));
    }

    [Fact]
    public void Write_NullAndEmptyMaps_WriteNullAndBraces()
    {
        Assert.Equal("null", JsonSerializer.Serialize<Dictionary<string, int>?>(null, s_options));
        Assert.Equal("{}", JsonSerializer.Serialize(new Dictionary<string, int>(), s_options));
    }

    [Fact]
    public void Write_ObjectValues_UseGoConverters()
    {
        var map = new Dictionary<string, object?> { ["Cost"] = 0.100m, ["Usage"] = new Obol.Primitives.Usage(20_000_000_000), ["Nil"] = null };
        Assert.Equal("{\"Cost\":0.1,\"Nil\":null,\"Usage\":20000000000}", JsonSerializer.Serialize(map, s_options));
    }

    [Fact]
    public void Read_MoreKeysThanTheFirstBuffer_KeepsEveryKeyInOrder()
    {
        var json = "{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{{\"n\":{i}}}")) + "}";

        var map = JsonSerializer.Deserialize<Dictionary<string, object?>>(json, s_options)!;

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "k" + i), map.Keys);
        Assert.Equal(39m, Assert.IsType<Dictionary<string, object?>>(map["k39"])["n"]);
    }

    [Fact]
    public void Read_DuplicateKeys_LastWins()
    {
        var map = JsonSerializer.Deserialize<IReadOnlyDictionary<string, decimal>>("{\"a\":1,\"b\":\"2\",\"a\":3}", s_options);
        Assert.NotNull(map);
        Assert.Equal(3m, map["a"]);
        Assert.Equal(2m, map["b"]);
    }

    [Fact]
    public void Read_Null_GivesNull() =>
        Assert.Null(JsonSerializer.Deserialize<Dictionary<string, int>>("null", s_options));

    [Theory]
    [InlineData("[]")]
    [InlineData("1")]
    public void Read_NotAnObject_ThrowsJsonException(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>(json, s_options));

    [Fact]
    public void Write_NonStringKeys_LeftToSystemTextJson() =>
        Assert.Equal("{\"2\":\"b\",\"1\":\"a\"}", JsonSerializer.Serialize(new Dictionary<int, string> { [2] = "b", [1] = "a" }, s_options));

    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("B", "a", -1)]
    [InlineData("ab", "a", 1)]
    [InlineData("\uff61", "😀", -1)]
    [InlineData("😀", "\ud7ff", 1)]
    [InlineData("x", "x", 0)]
    public void Compare_Strings_FollowsUtf8ByteOrder(string x, string y, int expectedSign) =>
        Assert.Equal(expectedSign, Math.Sign(GoStringComparer.Instance.Compare(x, y)));
}
