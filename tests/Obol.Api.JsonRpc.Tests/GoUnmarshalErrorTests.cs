using Obol.Primitives;

namespace Obol.Api.JsonRpc.Tests;

public sealed class GoUnmarshalErrorTests
{
    [Theory]
    [InlineData(typeof(long), "int64")]
    [InlineData(typeof(int), "int")]
    [InlineData(typeof(decimal), "float64")]
    [InlineData(typeof(decimal?), "float64")]
    [InlineData(typeof(bool), "bool")]
    [InlineData(typeof(string[]), "[]string")]
    [InlineData(typeof(List<string>), "[]string")]
    [InlineData(typeof(IReadOnlyList<decimal>), "[]float64")]
    [InlineData(typeof(Dictionary<string, long>), "map[string]int64")]
    [InlineData(typeof(IReadOnlyDictionary<string, object>), "map[string]interface {}")]
    [InlineData(typeof(Dictionary<string, System.Text.Json.JsonElement>), "map[string]interface {}")]
    [InlineData(typeof(Usage), "time.Duration")]
    public void TypeName_ClrType_TheGoTypeCgratesDeclares(Type type, string expected) =>
        Assert.Equal(expected, GoUnmarshalError.TypeName(type));
}
