using System.IO.Pipelines;
using System.Text;
using Xunit;

namespace Obol.Esl.Tests;

public sealed class EslFrameReaderTests
{
    [Fact]
    public async Task ReadFrameAsync_BytesArriveOneAtATime_ReturnsWholeFrames()
    {
        var pipe = new Pipe();
        var frames = new EslFrameReader(pipe.Reader);
        var bytes = Encoding.UTF8.GetBytes("Content-Type: command/reply\nReply-Text: +OK accepted\n\n")
            .Concat(Captures.EventFrame(Captures.ChannelPark)).ToArray();

        var writer = Task.Run(async () =>
        {
            foreach (var b in bytes)
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }
            await pipe.Writer.CompleteAsync();
        });

        var reply = await frames.ReadFrameAsync();
        var ev = await frames.ReadFrameAsync();
        var end = await frames.ReadFrameAsync();
        await writer;

        Assert.Equal("+OK accepted", reply!.ReplyText);
        Assert.Equal("CHANNEL_PARK", EslEvent.Parse(ev!.Body.Span).EventName);
        Assert.Null(end);
    }

    [Fact]
    public async Task ReadFrameAsync_ManyFramesInOneWrite_ReturnsEachInOrder()
    {
        var pipe = new Pipe();
        var frames = new EslFrameReader(pipe.Reader);
        var text = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            var body = $"reply {i}\n";
            text.Append($"Content-Type: api/response\nContent-Length: {body.Length}\n\n{body}");
        }
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));
        await pipe.Writer.CompleteAsync();

        for (var i = 0; i < 100; i++)
        {
            var frame = await frames.ReadFrameAsync();
            Assert.Equal($"reply {i}\n", frame!.BodyText);
        }
        Assert.Null(await frames.ReadFrameAsync());
    }

    [Fact]
    public async Task ReadFrameAsync_StreamEndsMidFrame_ThrowsIOException()
    {
        var pipe = new Pipe();
        var frames = new EslFrameReader(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("Content-Type: api/response\nContent-Length: 10\n\n+OK"));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<IOException>(async () => await frames.ReadFrameAsync());

        Assert.Contains("middle of a frame", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFrameAsync_MalformedFrame_ThrowsProtocolException()
    {
        var pipe = new Pipe();
        var frames = new EslFrameReader(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("Content-Type: api/response\nContent-Length: ten\n\n"));

        var ex = await Assert.ThrowsAsync<EslProtocolException>(async () => await frames.ReadFrameAsync());

        Assert.Contains("'ten'", ex.Message, StringComparison.Ordinal);
    }
}
