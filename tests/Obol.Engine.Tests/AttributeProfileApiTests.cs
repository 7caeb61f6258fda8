using System.Text.Json;
using Xunit;

namespace Obol.Engine.Tests;

/// <summary>Attribute profiles over both APIs: APIerSv2 sets a Value as rule text, APIerSv1 sets and answers it as
/// config.RSRParsers (<c>[{"Rules":...}]</c>), as CGRateS marshals engine.AttributeProfile.</summary>
public sealed class AttributeProfileApiTests
{
    [Fact]
    public async Task SetAttributeProfile_V2TextAndV1Parsers_BothApplyAndGetAnswersParsers()
    {
        await using var engine = await SessionEngine.StartAsync();

        var v2 = await engine.CallAsync("APIerSv2.SetAttributeProfile", """
            {"Tenant":"cgrates.org","ID":"ATTR_V2","Contexts":["*any"],"FilterIDs":["*string:~*req.Account:2001"],
             "Attributes":[{"Path":"*req.Subject","Type":"*variable","Value":"~*req.Account;_v2"}],"Weight":10}
            """);
        var v1 = await engine.CallAsync("APIerSv1.SetAttributeProfile", """
            {"Tenant":"cgrates.org","ID":"ATTR_V1","Contexts":["*any"],"FilterIDs":["*string:~*req.Account:2002"],
             "Attributes":[{"FilterIDs":[],"Path":"*req.Subject","Type":"*constant","Value":[{"Rules":"a;b"}]}],"Weight":10}
            """);

        Assert.Equal(("OK", "OK"), (v2.GetString(), v1.GetString()));
        Assert.Equal("""[{"Rules":"~*req.Account"},{"Rules":"_v2"}]""", Value(await engine.CallAsync("APIerSv1.GetAttributeProfile", """{"ID":"ATTR_V2"}""")));
        Assert.Equal("""[{"Rules":"a;b"}]""", Value(await engine.CallAsync("APIerSv1.GetAttributeProfile", """{"ID":"ATTR_V1"}""")));
        Assert.Equal("2001_v2", await SubjectAsync(engine, "2001"));
        Assert.Equal("a;b", await SubjectAsync(engine, "2002"));
    }

    private static string Value(JsonElement profile) => profile.GetProperty("Attributes")[0].GetProperty("Value").GetRawText();

    private static async Task<string?> SubjectAsync(SessionEngine engine, string account)
    {
        var reply = await engine.CallAsync("AttributeSv1.ProcessEvent",
            $$"""{"Tenant":"cgrates.org","ID":"ev-{{account}}","Event":{"Account":"{{account}}","Subject":"x"},"APIOpts":{"*context":"*any"} }""");
        return reply.GetProperty("Event").GetProperty("Subject").GetString();
    }
}
