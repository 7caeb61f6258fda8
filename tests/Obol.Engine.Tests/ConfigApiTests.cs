using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>ConfigSv1 over the engine's cgrates.json.</summary>
public sealed class ConfigApiTests
{
    [Fact]
    public async Task GetConfigAsJson_Section_TheSectionGetConfigAnswersAsGoJsonText()
    {
        await using var engine = await SessionEngine.StartAsync();

        var text = (await engine.CallAsync("ConfigSv1.GetConfigAsJSON", """{"Section":"sessions"}""")).GetString()!;
        var section = await engine.CallAsync("ConfigSv1.GetConfig", """{"Section":"sessions"}""");
        var unknown = await engine.Api.CallRawAsync("ConfigSv1.GetConfigAsJSON", """{"Section":"no_such_section"}"""u8.ToArray());

        using var parsed = JsonDocument.Parse(text);
        Assert.True(JsonElement.DeepEquals(section, parsed.RootElement));
        Assert.True(parsed.RootElement.GetProperty("sessions").GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        var keys = parsed.RootElement.GetProperty("sessions").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal("NOT_FOUND", unknown.Error);
    }
}
