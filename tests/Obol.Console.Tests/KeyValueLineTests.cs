using Xunit;

namespace Obol.Console.Tests;

public class KeyValueLineTests
{
    [Theory]
    [InlineData("Tenant=\"cgrates.org\" AccountIds=[\"1001\"]", "{\"Tenant\":\"cgrates.org\",\"AccountIds\":[\"1001\"]}")]
    [InlineData("Category=\"call\" Tenant=\"cgrates.org\" Subject=\"1001\" Destination=\"1002\" AnswerTime=\"2014-08-04T13:00:00Z\" Usage=\"20s\"",
        "{\"Category\":\"call\",\"Tenant\":\"cgrates.org\",\"Subject\":\"1001\",\"Destination\":\"1002\",\"AnswerTime\":\"2014-08-04T13:00:00Z\",\"Usage\":\"20s\"}")]
    [InlineData("Tenant=\"cgrates.org\" Account=\"1003\" Value=23 BalanceType=\"*monetary\" Balance={\"ID\":\"MonetaryBalance\"}",
        "{\"Tenant\":\"cgrates.org\",\"Account\":\"1003\",\"Value\":23,\"BalanceType\":\"*monetary\",\"Balance\":{\"ID\":\"MonetaryBalance\"}}")]
    [InlineData("ExporterIDs=[\"tutorial_export\"]", "{\"ExporterIDs\":[\"tutorial_export\"]}")]
    public void ToJson_TutorialLines_ProduceReferenceJson(string line, string expected) =>
        Assert.Equal(expected, KeyValueLine.ToJson(line));

    [Theory]
    [InlineData("attributes", "{\"Item\":\"attributes\"}")]
    [InlineData("two words", "{\"Item\":\"two words\"}")]
    [InlineData("", "{}")]
    [InlineData("Subject=\"a b c\" X=1", "{\"Subject\":\"a b c\",\"X\":1}")]
    [InlineData("Event={\"A\":{\"B\":1}} X=2", "{\"Event\":{\"A\":{\"B\":1}},\"X\":2}")]
    [InlineData("Event={\"A\":1, \"B\":2}", "{\"Event\":{\"A\":1, \"B\":2}}")]
    [InlineData("Tenant = \"x\"", "{\"Tenant\":\"x\"}")]
    [InlineData("Tenant=cgrates.org", "{\"Tenant\":cgrates.org}")]
    public void ToJson_TrickyLines_FollowRe2Semantics(string line, string expected) =>
        Assert.Equal(expected, KeyValueLine.ToJson(line));

    [Fact]
    public void FromJson_NoColon_IsQuoted() => Assert.Equal("\"{}\"", KeyValueLine.FromJson("{}", []));
}
