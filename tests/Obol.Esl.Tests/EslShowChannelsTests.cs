using Obol.Esl.Testing;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslShowChannelsTests
{
    [Fact]
    public void Parse_NoChannels_ReturnsEmpty()
    {
        Assert.Empty(EslShowChannels.Parse("\n0 total.\n"));
    }

    [Fact]
    public void Parse_FreeSwitchTable_ReturnsEachUuidWithItsFields()
    {
        var output = ShowChannelsRenderer.Render(
        [
            new FakeChannel("4967ceb1-c6f9-4af9-9855-df323d6763ad"),
            new FakeChannel("e3133bf7-dcde-4daf-9663-9a79ffcef5ad", CallerNumber: "1002", Destination: "1003"),
        ]);

        var channels = EslShowChannels.Parse(output);

        Assert.Equal(["4967ceb1-c6f9-4af9-9855-df323d6763ad", "e3133bf7-dcde-4daf-9663-9a79ffcef5ad"], channels.Select(c => c.Uuid));
        Assert.Equal("1003", channels[1].Fields["dest"]);
        Assert.Equal("inbound", channels[0].Fields["direction"]);
        Assert.Equal(ShowChannelsRenderer.Columns.Count, channels[0].Fields.Count);
    }

    [Fact]
    public void Parse_CommaInsideBracedVariables_KeepsTheRowAligned()
    {
        var output = ShowChannelsRenderer.Render(
            [new FakeChannel("u1", Application: "bridge", ApplicationData: "{origination_caller_id_number=1001,ignore_early_media=true}user/1002")]);

        var channel = Assert.Single(EslShowChannels.Parse(output));

        Assert.Equal("{origination_caller_id_number=1001,ignore_early_media=true}user/1002", channel.Fields["application_data"]);
        Assert.Equal("XML", channel.Fields["dialplan"]);
    }

    [Fact]
    public void Parse_UnbracketedCommaInValue_StillReturnsTheUuid()
    {
        var output = ShowChannelsRenderer.Render([new FakeChannel("u1", Application: "playback", ApplicationData: "a.wav,b.wav")]);

        var channel = Assert.Single(EslShowChannels.Parse(output));

        Assert.Equal("u1", channel.Uuid);
        Assert.Equal("u1", Assert.Single(channel.Fields).Value);
    }

    [Fact]
    public void Parse_CustomDelimiter_SplitsOnIt()
    {
        var output = ShowChannelsRenderer.Render([new FakeChannel("u1", ApplicationData: "a,b"), new FakeChannel("u2")], "|");

        var channels = EslShowChannels.Parse(output, "|");

        Assert.Equal(["u1", "u2"], channels.Select(c => c.Uuid));
        Assert.Equal("a,b", channels[0].Fields["application_data"]);
    }

    [Theory]
    [InlineData(",", "show channels")]
    [InlineData("|", "show channels as delim |")]
    [InlineData(";;", "show channels as delim ;;")]
    public void Command_Delimiter_MatchesWhatCgratesSends(string delimiter, string expected)
    {
        Assert.Equal(expected, EslShowChannels.Command(delimiter));
    }
}
