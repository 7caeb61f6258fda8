using System.Buffers;
using System.Text;
using CsCheck;

namespace Obol.Api.JsonRpc.Tests;

public sealed class JsonRpcFramingTests
{
    // Captured-style requests: escapes, non-ASCII, nesting, every id kind, numbers that only end at a delimiter.
    private static readonly string[] s_requests =
    [
        """{"method":"CoreSv1.Ping","params":[{}],"id":1}""",
        """{"method":"APIerSv2.GetAccount","params":[{"Tenant":"cgrates.org","Account":"1001"}],"id":"a-\"quoted\"-id"}""",
        """{"method":"SessionSv1.InitiateSession","params":[{"InitSession":true,"Tenant":"cgrates.org","ID":"e1","Event":{"OriginID":"ü€𝄞","Usage":0,"Cost":-1.5e3,"Nested":[[1,[2,{"x":null}]],false]}}],"id":null}""",
        """{ "id" : {"seq": [7, 8]} , "params" : [ "1m25s" ] , "method" : "CoreSv1.Sleep" }""",
        """{"method":"ApierV1.SetTPRate","params":[{"Text":"line\nbreak\ttab\\back\u00e9\ud834\udd1e"}],"id":12345678901234567890}""",
    ];

    public static TheoryData<string> ValidRequests => new(s_requests);

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void TryReadFrame_EveryPrefix_IsIncompleteAndConsumesNothing(string request)
    {
        var bytes = Encoding.UTF8.GetBytes(request);
        for (var length = 0; length < bytes.Length; length++)
        {
            foreach (var buffer in new[] { new ReadOnlySequence<byte>(bytes, 0, length), Sequences.BytePerSegment(bytes[..length]) })
            {
                var framing = new JsonRpcFraming();
                var remaining = buffer;

                Assert.False(framing.TryReadFrame(ref remaining, out _), $"prefix of {length} bytes");
                Assert.Equal(buffer.Length, remaining.Length);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void TryReadFrame_GrowingPrefixesOnOneInstance_ResumesAndYieldsTheRequest(string request)
    {
        var bytes = Encoding.UTF8.GetBytes(request);
        var framing = new JsonRpcFraming();
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = Sequences.BytePerSegment(bytes[..length]);
            Assert.False(framing.TryReadFrame(ref prefix, out _));
            Assert.Equal(framing.HasPartialFrame, length > 0);
        }
        var whole = Sequences.BytePerSegment(bytes);

        Assert.True(framing.TryReadFrame(ref whole, out var frame));
        Assert.Equal(request, Encoding.UTF8.GetString(frame.ToArray()));
        Assert.True(whole.IsEmpty);
        Assert.False(framing.HasPartialFrame);
    }

    [Fact]
    public void TryReadFrame_WhitespaceAndNewlinesBetweenObjects_YieldsEachObject()
    {
        var stream = " \r\n\t" + string.Join("\n", s_requests.Take(2)) + "  \r\n" + s_requests[2] + s_requests[3] + "\n\n";

        var frames = ReadAll(new JsonRpcFraming(), [Encoding.UTF8.GetBytes(stream)], out var rest);

        Assert.Equal(s_requests.Take(4), frames);
        Assert.Equal(0, rest);
    }

    [Fact]
    public void TryReadFrame_RandomChunking_YieldsTheSameRequests()
    {
        var stream = Encoding.UTF8.GetBytes(string.Join(" \n", s_requests) + "\n");
        Gen.Int[0, stream.Length].Array[0, 40].Sample(cuts =>
        {
            var chunks = Split(stream, cuts);

            var frames = ReadAll(new JsonRpcFraming(), chunks, out var rest);

            Assert.Equal(s_requests, frames);
            Assert.Equal(0, rest);
        });
    }

    [Theory]
    [InlineData("""{"method":}""")]
    [InlineData("""{"method" "x"}""")]
    [InlineData("""x""")]
    [InlineData("""}""")]
    [InlineData("""{"a":tru }""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{'a':1}""")]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":1}]""")]
    [InlineData("""{"a":1} // comment""")]
    public void TryReadFrame_InvalidJson_ThrowsProtocolError(string stream)
    {
        var exception = Assert.Throws<JsonRpcProtocolException>(() => ReadAll(new JsonRpcFraming(), [Encoding.UTF8.GetBytes(stream + " ")], out _));

        Assert.Equal(JsonRpcRejectReason.InvalidJson, exception.Reason);
    }

    [Fact]
    public void TryReadFrame_CompleteRequestOverLimit_ThrowsRequestTooLarge()
    {
        var request = Encoding.UTF8.GetBytes(s_requests[0]);
        var buffer = new ReadOnlySequence<byte>(request);

        var exception = Assert.Throws<JsonRpcProtocolException>(() => new JsonRpcFraming(request.Length - 1).TryReadFrame(ref buffer, out _));

        Assert.Equal(JsonRpcRejectReason.RequestTooLarge, exception.Reason);
    }

    [Fact]
    public void TryReadFrame_IncompleteRequestOverLimit_ThrowsBeforeTheEnd()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"method\":\"" + new string('x', 200)));

        var exception = Assert.Throws<JsonRpcProtocolException>(() => new JsonRpcFraming(100).TryReadFrame(ref buffer, out _));

        Assert.Equal(JsonRpcRejectReason.RequestTooLarge, exception.Reason);
    }

    [Fact]
    public void TryReadFrame_RequestAtLimit_IsRead()
    {
        var request = Encoding.UTF8.GetBytes(s_requests[0]);
        var buffer = new ReadOnlySequence<byte>(request);

        Assert.True(new JsonRpcFraming(request.Length).TryReadFrame(ref buffer, out var frame));
        Assert.Equal(request.Length, frame.Length);
    }

    [Fact]
    public void TryReadFrame_DeeplyNestedLikeGoAccepts_IsRead()
    {
        var nested = new string('[', 500) + new string(']', 500);
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"params\":" + nested + "}"));

        Assert.True(new JsonRpcFraming().TryReadFrame(ref buffer, out _));
    }

    private static List<byte[]> Split(byte[] stream, int[] cuts)
    {
        var points = cuts.Append(0).Append(stream.Length).Distinct().Order().ToArray();
        return points.Zip(points.Skip(1), (from, to) => stream[from..to]).ToList();
    }

    // Pipe semantics: unconsumed bytes stay in front of the next chunk, in their own segment.
    private static List<string> ReadAll(JsonRpcFraming framing, IEnumerable<byte[]> chunks, out long unconsumed)
    {
        var frames = new List<string>();
        var pending = Array.Empty<byte>();
        foreach (var chunk in chunks)
        {
            var buffer = Sequences.FromChunks([pending, chunk]);
            while (framing.TryReadFrame(ref buffer, out var frame))
            {
                frames.Add(Encoding.UTF8.GetString(frame.ToArray()));
            }
            pending = buffer.ToArray();
        }
        unconsumed = pending.Length;
        return frames;
    }
}
