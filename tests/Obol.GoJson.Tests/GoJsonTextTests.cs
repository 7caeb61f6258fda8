using System.Text.Json;

namespace Obol.GoJson.Tests;

public sealed class GoJsonTextTests
{
    [Fact]
    public void Sorted_NestedObjects_KeysSortedCompactGoEscaping()
    {
        using var document = JsonDocument.Parse("""
            { "b": [ { "z": 1, "a": "x<y" } ], "a": { "d": null, "c": 2.50 }, "é": "ü" }
            """);

        Assert.Equal("""{"a":{"c":2.50,"d":null},"b":[{"a":"x\u003cy","z":1}],"é":"ü"}""", GoJsonText.Sorted(document.RootElement));
    }
}
