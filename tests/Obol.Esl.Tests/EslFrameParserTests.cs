using System.Buffers;
using System.Text;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslFrameParserTests
{
    private static ReadOnlySequence<byte> Sequence(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void TryParse_AuthRequest_ReadsHeadersWithoutBody()
    {
        var buffer = Sequence("Content-Type: auth/request\n\n");

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal(EslContentTypes.AuthRequest, frame.ContentType);
        Assert.True(frame.Body.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_CommandReply_ExposesReplyTextVerbatim()
    {
        var buffer = Sequence("Content-Type: command/reply\nReply-Text: +OK Job-UUID: 1%202\nJob-UUID: 1%202\n\n");

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal("+OK Job-UUID: 1%202", frame.ReplyText);
        Assert.Equal("1%202", frame["Job-UUID"]);
        Assert.False(frame.IsError);
    }

    [Theory]
    [InlineData("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n")]
    [InlineData("Content-Type: api/response\nContent-Length: 22\n\n-ERR No such channel!\n")]
    [InlineData("Content-Type: api/response\nContent-Length: 26\n\n-USAGE: <uuid> [cause]\n\n\n\n")]
    public void IsError_ErrorReplies_IsTrue(string text)
    {
        var buffer = Sequence(text);

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.True(frame.IsError);
    }

    [Fact]
    public void TryParse_ApiResponse_ReadsBodyOfContentLength()
    {
        var buffer = Sequence("Content-Type: api/response\nContent-Length: 4\n\n+OK\nContent-Type: auth/request\n\n");

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal("+OK\n", frame.BodyText);
        Assert.Equal("Content-Type: auth/request\n\n", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void TryParse_BodyCountsBytesNotCharacters()
    {
        var body = "café ✓";
        var buffer = Sequence($"Content-Type: api/response\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\n\n{body}");

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal(body, frame.BodyText);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_ChannelParkFrame_BodyParsesAsTheEvent()
    {
        var buffer = new ReadOnlySequence<byte>(Captures.EventFrame(Captures.ChannelPark));

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));
        var ev = EslEvent.Parse(frame.Body.Span);

        Assert.Equal(EslContentTypes.EventPlain, frame.ContentType);
        Assert.Equal("CHANNEL_PARK", ev.EventName);
        Assert.Equal("4967ceb1-c6f9-4af9-9855-df323d6763ad", ev.UniqueId);
    }

    [Fact]
    public void TryParse_FramingExample_ReadsExactlyContentLengthBytes()
    {
        var buffer = new ReadOnlySequence<byte>(Captures.Bytes(Captures.FramingExample));

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));
        var ev = EslEvent.Parse(frame.Body.Span);

        Assert.Equal(564, frame.Body.Length);
        Assert.EndsWith("\n\nextra", frame.BodyText, StringComparison.Ordinal);
        Assert.Equal("RE_SCHEDULE", ev.EventName);
        Assert.Equal("h1.cgrates.org", ev["FreeSWITCH-Hostname"]);
        Assert.Equal("1349437318", ev["Task-Runtime"]);
        Assert.Equal("", ev.Body);
        // The capture's Content-Length is short by " data\n", which then corrupts the next frame's header block.
        var rest = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Equal(" data\n", rest);
        var next = Sequence(rest + "Content-Type: auth/request\n\n");
        var ex = Assert.Throws<EslProtocolException>(() => EslFrameParser.TryParse(ref next, out _));
        Assert.Contains("' data'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ManyFramesInOneBuffer_ReadsThemInOrder()
    {
        var text = new StringBuilder("Content-Type: auth/request\n\n");
        text.Append("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
        text.Append(Encoding.UTF8.GetString(Captures.EventFrame(Captures.Heartbeat)));
        text.Append("Content-Type: api/response\nContent-Length: 6\n\n+OK 1\n");
        text.Append("Content-Type: text/disconnect-notice\nContent-Length: 13\n\nDisconnected.");
        var buffer = Sequence(text.ToString());

        var types = new List<string?>();
        while (EslFrameParser.TryParse(ref buffer, out var frame))
        {
            types.Add(frame.ContentType);
        }

        Assert.Equal(
            [EslContentTypes.AuthRequest, EslContentTypes.CommandReply, EslContentTypes.EventPlain, EslContentTypes.ApiResponse,
                EslContentTypes.DisconnectNotice],
            types);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_FrameSplitAcrossOneByteSegments_ParsesTheSame()
    {
        var bytes = Captures.EventFrame(Captures.HangupComplete2018);
        var buffer = SegmentedSequence.Create(bytes, 1);

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal("ARRAY::3|:supplier2|:supplier3|:supplier1", EslEvent.Parse(frame.Body.Span).GetVariable("cgr_route"));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryParse_EveryIncompletePrefix_NeedsMoreInput()
    {
        var bytes = Encoding.UTF8.GetBytes("Content-Type: api/response\nContent-Length: 4\n\n+OK\n");

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(EslFrameParser.TryParse(ref buffer, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void TryParse_LeadingBlankLines_AreSkipped()
    {
        var buffer = Sequence("\n\n\nContent-Type: auth/request\n\n");

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal(EslContentTypes.AuthRequest, frame.ContentType);
    }

    [Theory]
    [InlineData("abc", "Invalid Content-Length 'abc'")]
    [InlineData("-1", "Invalid Content-Length '-1'")]
    [InlineData("", "Invalid Content-Length ''")]
    [InlineData("99999999999999999999", "Invalid Content-Length '99999999999999999999'")]
    [InlineData("4294967296", "Invalid Content-Length '4294967296'")]
    [InlineData("67108865", "exceeds the limit")]
    public void TryParse_BadContentLength_ThrowsNamingTheValue(string contentLength, string expected)
    {
        var buffer = Sequence($"Content-Type: api/response\nContent-Length: {contentLength}\n\nbody");

        var ex = Assert.Throws<EslProtocolException>(() => EslFrameParser.TryParse(ref buffer, out _));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HeaderLineWithoutColon_Throws()
    {
        var buffer = Sequence("Content-Type: command/reply\nReply-Text +OK\n\n");

        var ex = Assert.Throws<EslProtocolException>(() => EslFrameParser.TryParse(ref buffer, out _));

        Assert.Equal("Header line without a ':' separator: 'Reply-Text +OK'.", ex.Message);
    }

    [Fact]
    public void TryParse_HeaderLineWithEmptyName_Throws()
    {
        var buffer = Sequence(": value\n\n");

        var ex = Assert.Throws<EslProtocolException>(() => EslFrameParser.TryParse(ref buffer, out _));

        Assert.Contains("empty name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnterminatedHeaderBlockOverOneMebibyte_Throws()
    {
        var bytes = Encoding.UTF8.GetBytes("X-Big: " + new string('a', EslFrameParser.MaxHeaderBlockBytes) + "\n");
        var buffer = new ReadOnlySequence<byte>(bytes);

        var ex = Assert.Throws<EslProtocolException>(() => EslFrameParser.TryParse(ref buffer, out _));

        Assert.Contains("Header block exceeds 1048576 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TerminatedHeaderBlockOverOneMebibyte_Throws()
    {
        var bytes = Encoding.UTF8.GetBytes("X-Big: " + new string('a', EslFrameParser.MaxHeaderBlockBytes) + "\n\n");
        var buffer = SegmentedSequence.Create(bytes, 64 * 1024);

        var ex = Assert.Throws<EslProtocolException>(() => EslFrameParser.TryParse(ref buffer, out _));

        Assert.Contains("exceeds 1048576 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HeaderBlockJustUnderTheLimit_IsAccepted()
    {
        var value = new string('a', EslFrameParser.MaxHeaderBlockBytes - "X-Big: ".Length);
        var buffer = Sequence("X-Big: " + value + "\n\n");

        Assert.True(EslFrameParser.TryParse(ref buffer, out var frame));

        Assert.Equal(value.Length, frame["X-Big"]!.Length);
    }
}
